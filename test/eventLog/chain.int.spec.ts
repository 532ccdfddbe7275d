import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAppend, withTenant } from '../../commands/eventLog/index.js';
import { GENESIS_HASH, canonicalJson, computeEventHashes } from '../../domain/events/index.js';
import { newTenant, openLogFixture, testMetadata, thing, type LogFixture } from './fixture.js';

let f: LogFixture;
beforeAll(async () => {
  f = await openLogFixture();
});
afterAll(async () => {
  await f.close();
});

describe('hash chain computed in SQL', () => {
  it('matches the domain hash format for every row, including awkward strings', async () => {
    const tenant = newTenant();
    const awkward = 'thing-"quoted"\\back\u00e9\u{1F600}\u4e2d';
    const metadata = { ...testMetadata, note: 'tab\there\nnew "q" \u0001 \u2028 Cafe\u0301', nested: { z: 1.5, a: [1e21, -0.25] } };
    await f.log.append(tenant, awkward, [{ ...thing(1), metadata }, thing(2)]);
    await f.log.append(tenant, 'thing-plain', [thing(3)]);
    await f.log.append(tenant, awkward, [{ ...thing(4), recordedAt: '1999-12-31T23:59:59.999Z' }]);

    const rows = await f.tenantFeed.readStoredRows(tenant, 0, 100);
    expect(rows.map((r) => r.tenantSeq)).toEqual([1, 2, 3, 4]);
    let prev = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prevHash).toBe(prev);
      expect(computeEventHashes(row)).toEqual({ payloadHash: row.payloadHash, entryHash: row.entryHash, chainHash: row.chainHash });
      prev = row.chainHash;
    }
    expect(rows[0].streamId).toBe(awkward);
    expect(rows[0].metadata).toEqual({ ...metadata, note: metadata.note.normalize('NFC') });
    expect(rows[3].recordedAt).toBe('1999-12-31T23:59:59.999Z');
    expect(rows[2].payload).toBe(canonicalJson({ n: 3, label: 'thing 3' }));
    const heads = await f.tenantFeed.tenantHeads();
    expect(heads.find((h) => h.tenantId === tenant)).toEqual({ tenantId: tenant, lastSeq: 4, lastHash: prev });
  });

  it('a rolled-back append leaves the sequence and chain untouched', async () => {
    const tenant = newTenant();
    await f.log.append(tenant, 'thing-1', [thing(1)]);
    const client = await f.app.connect();
    try {
      await client.query('BEGIN');
      const [wire] = await callAppend(client, tenant, [
        {
          streamId: 'thing-1',
          expected: 'any',
          events: [
            {
              eventId: randomUUID(),
              eventType: 'ThingHappened',
              schemaVersion: 2,
              payload: '{"label":"x","n":9}',
              metadata: canonicalJson(testMetadata),
              recordedAt: new Date().toISOString(),
            },
          ],
        },
      ]);
      expect(wire).toMatchObject({ status: 'ok', firstSeq: 2 });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    const result = await f.log.append(tenant, 'thing-1', [thing(2)], { expectedVersion: 0 });
    expect(result.positions[0]).toMatchObject({ tenantSeq: 2, streamVersion: 1 });
    const rows = await f.tenantFeed.readStoredRows(tenant, 0, 10);
    expect(rows[1].prevHash).toBe(rows[0].chainHash);
  });
});

describe('reading', () => {
  it('applies upcasters: a v1 payload reads as the current version', async () => {
    const tenant = newTenant();
    const eventId = randomUUID();
    await callAppend(f.app, tenant, [
      {
        streamId: 'thing-old',
        expected: 'no_stream',
        events: [{ eventId, eventType: 'ThingHappened', schemaVersion: 1, payload: '{"n":5}', metadata: canonicalJson(testMetadata), recordedAt: '2020-01-01T00:00:00.000Z' }],
      },
    ]);
    await f.log.append(tenant, 'thing-old', [thing(6)], { expectedVersion: 0 });
    const { currentVersion, events } = await f.log.readStream(tenant, 'thing-old');
    expect(currentVersion).toBe(1);
    expect(events.map((e) => [e.storedSchemaVersion, e.payload])).toEqual([
      [1, { n: 5, label: 'unlabelled' }],
      [2, { n: 6, label: 'thing 6' }],
    ]);
    expect(events[0]).toMatchObject({ eventId, tenantSeq: 1, streamVersion: 0, recordedAt: '2020-01-01T00:00:00.000Z', metadata: testMetadata });
    const fed = await f.tenantFeed.readTenant(tenant, 0, 10);
    expect(fed.map((e) => e.payload)).toEqual(events.map((e) => e.payload));
  });

  it('reads a stream from a version, bounded, and by its NFC form', async () => {
    const tenant = newTenant();
    await f.log.append(tenant, 'thing-Cafe\u0301', [thing(0), thing(1), thing(2), thing(3)]);
    const page = await f.log.readStream(tenant, 'thing-Caf\u00e9', { fromVersion: 1, maxCount: 2 });
    expect(page.currentVersion).toBe(3);
    expect(page.events.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(await f.log.readStream(tenant, 'thing-none')).toEqual({ currentVersion: -1, events: [] });
  });

  it('the application role sees only the tenant of its transaction', async () => {
    const mine = newTenant();
    const other = newTenant();
    await f.log.append(mine, 'thing-1', [thing(1)]);
    await f.log.append(other, 'thing-1', [thing(2)]);
    const seen = await withTenant(f.app, mine, async (client) => (await client.query('SELECT tenant_id FROM events')).rows);
    expect(seen).toEqual([{ tenant_id: mine }]);
    const unscoped = await f.app.query('SELECT count(*)::int AS n FROM events');
    expect(unscoped.rows[0].n).toBe(0);
    expect((await f.log.readStream(other, 'thing-1')).events[0].payload).toEqual({ n: 2, label: 'thing 2' });
  });
});
