import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAppend } from '../../commands/eventLog/index.js';
import { canonicalJson, type GlobalPosition, type RecordedEvent } from '../../domain/events/index.js';
import { newTenant, openLogFixture, testMetadata, thing, type LogFixture } from './fixture.js';
import { runWriter, sleep, type WriterReport } from './raceKit.js';

let f: LogFixture;
beforeAll(async () => {
  f = await openLogFixture();
});
afterAll(async () => {
  await f.close();
});

const WRITERS = 14;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

async function allWriters(plan: Omit<Parameters<typeof runWriter>[0], 'url'>): Promise<WriterReport[]> {
  return await Promise.all(Array.from({ length: WRITERS }, () => runWriter({ ...plan, url: f.urls.app })));
}

describe('per-tenant feed under a write race', () => {
  it('a reader polling seq > checkpoint sees every committed event exactly once, in order, with no holes', async () => {
    const tenants = [newTenant(), newTenant()];
    const streams = ['thing-a', 'thing-b', 'thing-c'];
    const seen = new Map(tenants.map((t) => [t, [] as RecordedEvent[]]));
    let writing = true;
    const reader = (async () => {
      for (;;) {
        const done = !writing;
        for (const tenant of tenants) {
          const events = seen.get(tenant)!;
          // readTenant asserts density: a hole throws LogIntegrityError and fails the test.
          for (;;) {
            const page = await f.tenantFeed.readTenant(tenant, events.length, 7);
            events.push(...page);
            if (page.length < 7) break;
          }
        }
        if (done) return;
        await sleep(Math.random() * 5);
      }
    })();
    const reports = await allWriters({
      transactions: 12,
      target: () => ({ tenantId: pick(tenants), streamId: pick(streams) }),
      rollbackRate: 0.25,
      maxDelayMs: 12,
      takeXidEarly: false,
    });
    writing = false;
    await reader;

    const committed = reports.flatMap((r) => r.committed);
    const rolledBack = new Set(reports.flatMap((r) => r.rolledBack));
    expect(rolledBack.size).toBeGreaterThan(0);
    for (const tenant of tenants) {
      const events = seen.get(tenant)!;
      expect(events.map((e) => e.tenantSeq)).toEqual(events.map((_, i) => i + 1));
      const expected = committed.filter((c) => c.tenantId === tenant).map((c) => c.eventId);
      expect(new Set(events.map((e) => e.eventId))).toEqual(new Set(expected));
      expect(events).toHaveLength(expected.length);
      expect(events.some((e) => rolledBack.has(e.eventId))).toBe(false);
      for (const stream of streams) {
        const versions = events.filter((e) => e.streamId === stream).map((e) => e.streamVersion);
        expect(versions).toEqual(versions.map((_, i) => i));
      }
    }
  });
});

describe('cross-tenant feed under the xid race', () => {
  const wire = () => [
    {
      streamId: 'thing-shared',
      expected: 'any' as const,
      events: [{ ...thing(0), schemaVersion: 2, payload: canonicalJson({ n: 0, label: 'x' }), metadata: canonicalJson(testMetadata), recordedAt: new Date().toISOString() }],
    },
  ];

  it('refuses (retryably) an append by an older transaction after a younger one appended to the stream', async () => {
    const tenant = newTenant();
    const older = new pg.Client({ connectionString: f.urls.app });
    const younger = new pg.Client({ connectionString: f.urls.app });
    await Promise.all([older.connect(), younger.connect()]);
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      await younger.query('BEGIN');
      expect((await callAppend(younger, tenant, wire()))[0].status).toBe('ok');
      await younger.query('COMMIT');
      expect(await callAppend(older, tenant, wire())).toEqual([{ status: 'retry' }]);
      await older.query('ROLLBACK');
      await older.query('BEGIN');
      expect((await callAppend(older, tenant, wire()))[0]).toMatchObject({ status: 'ok', firstVersion: 1 });
      await older.query('COMMIT');
    } finally {
      await Promise.all([older.end(), younger.end()]);
    }
  });

  it('keeps each stream in order and skips nothing while xid order and commit order disagree', async () => {
    const tenants = [newTenant(), newTenant(), newTenant()];
    const streams = ['thing-a', 'thing-b'];
    const seen: RecordedEvent[] = [];
    let position: GlobalPosition | null = null;
    let writing = true;
    const poll = async (): Promise<void> => {
      for (;;) {
        const page = await f.globalFeed.readAll(position, 50);
        seen.push(...page.events.filter((e) => tenants.includes(e.tenantId)));
        position = page.position;
        if (page.events.length < 50) return;
      }
    };
    const reader = (async () => {
      while (writing) {
        await poll();
        await sleep(Math.random() * 5);
      }
    })();
    const reports = await allWriters({
      transactions: 10,
      target: () => ({ tenantId: pick(tenants), streamId: pick(streams) }),
      rollbackRate: 0.2,
      maxDelayMs: 10,
      takeXidEarly: true,
    });
    writing = false;
    await reader;
    const committed = reports.flatMap((r) => r.committed);
    // Transactions elsewhere in the cluster hold the feed back; wait until it catches up.
    for (let i = 0; i < 200 && seen.length < committed.length; i++) {
      await poll();
      if (seen.length < committed.length) await sleep(50);
    }
    expect(seen.map((e) => e.eventId).sort()).toEqual(committed.map((c) => c.eventId).sort());
    for (const tenant of tenants) {
      for (const stream of streams) {
        const versions = seen.filter((e) => e.tenantId === tenant && e.streamId === stream).map((e) => e.streamVersion);
        expect(versions).toEqual(versions.map((_, i) => i));
      }
    }
    const retries = reports.reduce((sum, r) => sum + r.streamOrderRetries, 0);
    console.info(`xid race: ${committed.length} events committed, ${retries} appends refused by the stream-order guard and retried`);
  });
});
