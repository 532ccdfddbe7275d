import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgAppendNotifications } from '../../commands/eventLog/index.js';
import type { AppendNotice } from '../../domain/ports/index.js';
import { ConcurrencyError } from '../../domain/errors.js';
import { newTenant, openLogFixture, testMetadata, thing, type LogFixture } from './fixture.js';

let f: LogFixture;
beforeAll(async () => {
  f = await openLogFixture(4);
});
afterAll(async () => {
  await f.close();
});

async function transactionsOf(tenant: string): Promise<number> {
  const { rows } = await f.owner.query('SELECT count(DISTINCT tx_id)::int AS n FROM events WHERE tenant_id = $1', [tenant]);
  return rows[0].n;
}

describe('group commit', () => {
  it('merges concurrent appends of a tenant into few transactions, each append getting its own positions', async () => {
    const tenant = newTenant();
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => f.log.append(tenant, `thing-${i}`, [thing(i), thing(i)], { expectedVersion: 'no_stream' })));
    const seqs = results.flatMap((r) => r.positions.map((p) => p.tenantSeq)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    for (const result of results) {
      expect(result.positions.map((p) => p.streamVersion)).toEqual([0, 1]);
      expect(result.positions[1].tenantSeq).toBe(result.positions[0].tenantSeq + 1);
    }
    expect(await transactionsOf(tenant)).toBeLessThan(20);
  });

  it('decides concurrent appends to one stream as if one after the other', async () => {
    const tenant = newTenant();
    const attempts = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => f.log.append(tenant, 'thing-one', [thing(i)], { expectedVersion: 'no_stream' })));
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(24);
    for (const error of lost) expect(error).toMatchObject({ constructor: ConcurrencyError, actualVersion: 0 });
    const any = await Promise.all(Array.from({ length: 25 }, (_, i) => f.log.append(tenant, 'thing-one', [thing(i)])));
    expect(any.map((r) => r.nextExpectedVersion).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('gives concurrent duplicates of one append the same positions', async () => {
    const tenant = newTenant();
    const events = [thing(1), thing(2)];
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => f.log.append(tenant, 'thing-dup', events)));
    expect(b.positions).toEqual(a.positions);
    expect(c.positions).toEqual(a.positions);
    expect([a, b, c].filter((r) => !r.replayed)).toHaveLength(1);
  });

  it('isolates a request the database refuses from the rest of its batch', async () => {
    const tenant = newTenant();
    // jsonb cannot hold U+0000: the whole batch fails once, then each request runs alone.
    const poisoned = { ...thing(0), metadata: { ...testMetadata, note: 'nul \u0000' } };
    const attempts = await Promise.allSettled([f.log.append(tenant, 'thing-1', [thing(1)]), f.log.append(tenant, 'thing-2', [poisoned]), f.log.append(tenant, 'thing-3', [thing(3)])]);
    expect(attempts.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await f.tenantFeed.readTenant(tenant, 0, 10)).map((e) => e.streamId).sort()).toEqual(['thing-1', 'thing-3']);
  });
});

describe('append notifications', () => {
  it('announce each committed batch with the tenant and its last seq', async () => {
    const notices: AppendNotice[] = [];
    const stop = await new PgAppendNotifications(f.projector).subscribe((notice) => notices.push(notice));
    const tenant = newTenant();
    try {
      await f.log.append(tenant, 'thing-n', [thing(1), thing(2)]);
      await f.log.append(tenant, 'thing-n', [thing(3)]);
      for (let i = 0; i < 50 && notices.filter((n) => n.tenantId === tenant).length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await stop();
    }
    expect(notices.filter((n) => n.tenantId === tenant)).toEqual([
      { tenantId: tenant, lastSeq: 2 },
      { tenantId: tenant, lastSeq: 3 },
    ]);
  });
});
