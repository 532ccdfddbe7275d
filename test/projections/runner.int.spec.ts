import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleOrganizationCommand } from '../../commands/organizations/index.js';
import { PgAppendNotifications } from '../../commands/eventLog/index.js';
import { organizationsProjection, ProjectionRunner } from '../../projections/index.js';
import { currentOrganization, withTenant } from '../../read-models/index.js';
import { openLog, type LogAccess } from '../../ops/platform.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';

describe('projection runner in the background (real PostgreSQL)', () => {
  let db: TestDatabase;
  let access: LogAccess;
  beforeAll(async () => {
    db = await createTestDatabase();
    access = openLog(db.ownerUrl, 4);
  });
  afterAll(async () => {
    await access.close();
    await db.drop();
  });

  it('is woken by NOTIFY (polling once a minute would be far too slow) and releases its leases on stop', async () => {
    const runner = new ProjectionRunner({
      pool: access.pool,
      feed: access.feed,
      notifications: new PgAppendNotifications(access.pool),
      projections: [organizationsProjection],
      owner: 'runner-under-test',
      pollMs: 60_000,
    });
    await runner.start();
    const orgId = randomUUID();
    const started = Date.now();
    try {
      await new Promise((r) => setTimeout(r, 300)); // the first pass finds nothing, then sleeps
      await handleOrganizationCommand(
        access.log,
        { type: 'CreateOrganization', orgId, name: 'Woken Ltd' },
        { commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: 'test' } },
      );
      let org: Awaited<ReturnType<typeof currentOrganization>> | undefined;
      while (org === undefined && Date.now() - started < 10_000) {
        org = await withTenant(access.pool, orgId, currentOrganization);
        if (org === undefined) await new Promise((r) => setTimeout(r, 50));
      }
      expect(org).toMatchObject({ orgId, name: 'Woken Ltd', kind: 'client' });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await runner.stop();
    }
    const { rows } = await access.pool.query('SELECT lease_owner FROM consumer_checkpoints WHERE tenant_id = $1', [orgId]);
    expect(rows).toEqual([{ lease_owner: null }]);
  });

  it('lets only one of two concurrent runners apply a tenant, and the result is the same', async () => {
    const orgId = randomUUID();
    const meta = () => ({ commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator' as const, name: 'test' } });
    await handleOrganizationCommand(access.log, { type: 'CreateOrganization', orgId, name: 'Twice Ltd' }, meta());
    for (let i = 0; i < 30; i++) {
      await handleOrganizationCommand(access.log, { type: 'InviteUser', orgId, userId: randomUUID(), email: `u${i}@twice.example`, role: 'member' }, meta());
    }
    const make = (owner: string) => new ProjectionRunner({ pool: access.pool, feed: access.feed, projections: [organizationsProjection], owner, batchSize: 3 });
    const [a, b] = await Promise.all([make('A').catchUp(), make('B').catchUp()]);
    // Each tenant's events were applied exactly once in total, by whichever runner held its lease.
    expect(a + b).toBe(31);
    const { rows } = await access.pool.query('SELECT count(*)::int AS n, max(last_seq)::int AS seq FROM read_models.users_v1 WHERE tenant_id = $1', [orgId]);
    expect(rows[0]).toEqual({ n: 30, seq: 31 });
  });
});
