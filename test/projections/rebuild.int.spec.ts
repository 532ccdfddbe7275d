import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFeed } from '../../domain/ports/index.js';
import { checkpointsOf, dropScratch, organizationsProjection, ProjectionRunner, rebuildProjection, replayReadModels, scratchSchemaName, versionStatus } from '../../projections/index.js';
import { openLog, type LogAccess } from '../../ops/platform.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { seedOrganizations } from './history.js';

/** A feed that fails after `okReads` reads: a crash in the middle of a rebuild. */
function crashingFeed(feed: TenantFeed, okReads: number): TenantFeed {
  let reads = 0;
  return {
    readStoredRows: (t, a, l) => feed.readStoredRows(t, a, l),
    tenantHeads: () => feed.tenantHeads(),
    async readTenant(t, a, l) {
      if (++reads > okReads) throw new Error('simulated crash');
      return await feed.readTenant(t, a, l);
    },
  };
}

describe('rebuild and replay (real PostgreSQL)', () => {
  let db: TestDatabase;
  let access: LogAccess;
  let total = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    access = openLog(db.ownerUrl, 4);
    await seedOrganizations(access.log, 3, 12);
    total = (await access.feed.tenantHeads()).reduce((n, h) => n + h.lastSeq, 0);
    const live = new ProjectionRunner({ pool: access.pool, feed: access.feed, projections: [organizationsProjection], owner: 'live', batchSize: 7 });
    expect(await live.catchUp()).toBe(total);
  });
  afterAll(async () => {
    await access.close();
    await db.drop();
  });

  it('rebuilds into a scratch schema equal to the live read models, and notices a tampered row', async () => {
    const report = await replayReadModels({ pool: access.pool, feed: access.feed, projections: [organizationsProjection], owner: 'auditor' });
    expect(report.events).toBe(total);
    expect(report.differences).toEqual([]);
    await dropScratch(access.pool, report.scratchSchema);

    await access.pool.query("UPDATE read_models.users_v1 SET role = 'viewer' WHERE email = 'user1@org1.example'");
    const tampered = await replayReadModels({ pool: access.pool, feed: access.feed, projections: [organizationsProjection], owner: 'auditor' });
    expect(tampered.differences.map((d) => [d.table, d.kind, d.row.role])).toEqual([
      ['users', 'missing', 'viewer'],
      ['users', 'unexpected', 'org_admin'],
    ]);
    await dropScratch(access.pool, tampered.scratchSchema);
    await access.pool.query("UPDATE read_models.users_v1 SET role = 'org_admin' WHERE email = 'user1@org1.example'");
  });

  it('resumes a rebuild after a crash from its committed checkpoints', async () => {
    const schema = scratchSchemaName();
    const target = { projection: organizationsProjection, schema, version: 1, consumer: `organizations@${schema}` };
    const options = { pool: access.pool, feed: access.feed, owner: 'rebuilder', batchSize: 5, leaseMs: 60_000 };
    await expect(rebuildProjection(target, { ...options, feed: crashingFeed(access.feed, 4) })).rejects.toThrow('simulated crash');
    const committed = [...(await checkpointsOf(access.pool, target.consumer, 1)).values()].reduce((n, seq) => n + seq, 0);
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(total);
    const resumed = await rebuildProjection(target, options);
    expect(resumed.events).toBe(total - committed); // the committed batches were not redone
    const { rows } = await access.pool.query(`SELECT count(*)::int AS n FROM (SELECT * FROM read_models.users_v1 EXCEPT SELECT * FROM ${schema}.users_v1) d`);
    expect(rows[0].n).toBe(0);
    await dropScratch(access.pool, schema);
  });

  it('builds a new projection version blue/green and switches only when caught up', async () => {
    const v2 = { ...organizationsProjection, version: 2 };
    const servedTable = async () => (await access.pool.query("SELECT definition FROM pg_views WHERE schemaname = 'public' AND viewname = 'users'")).rows[0].definition as string;

    const crashing = new ProjectionRunner({ pool: access.pool, feed: crashingFeed(access.feed, 2), projections: [v2], owner: 'green', batchSize: 5 });
    await expect(crashing.catchUp()).rejects.toThrow('simulated crash');
    expect(await versionStatus(access.pool, v2, 2)).toBe('building');
    expect(await servedTable()).toContain('users_v1');

    const green = new ProjectionRunner({ pool: access.pool, feed: access.feed, projections: [v2], owner: 'green', batchSize: 5 });
    expect(await green.catchUp()).toBe(total - 2 * 5);
    expect(await versionStatus(access.pool, v2, 2)).toBe('active');
    expect(await versionStatus(access.pool, organizationsProjection, 1)).toBe('retired');
    expect(await servedTable()).toContain('users_v2');
    const { rows } = await access.pool.query('SELECT count(*)::int AS n FROM (SELECT * FROM read_models.users_v1 EXCEPT SELECT * FROM read_models.users_v2) d');
    expect(rows[0].n).toBe(0);
  });
});
