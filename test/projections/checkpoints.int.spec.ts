import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLease, advanceCheckpoint, CheckpointConflictError, releaseLease, type CheckpointKey } from '../../projections/index.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';

const tenant = '7e3a1c2b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('consumer checkpoints: compare-and-set and leases (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.ownerUrl, max: 4 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  async function lastSeq(key: CheckpointKey): Promise<number> {
    const { rows } = await pool.query('SELECT last_seq FROM consumer_checkpoints WHERE consumer = $1 AND tenant_id = $2 AND projection_version = $3', [key.consumer, key.tenantId, key.version]);
    return Number(rows[0].last_seq);
  }

  it('advances only from the expected checkpoint, under a live lease of the same owner', async () => {
    const key = { consumer: 'cas', tenantId: tenant, version: 1 };
    expect(await acquireLease(pool, key, 'A', 60_000)).toBe(0);
    await advanceCheckpoint(pool, key, 'A', 0, 5, 60_000);
    expect(await lastSeq(key)).toBe(5);

    // stale expected checkpoint
    await expect(advanceCheckpoint(pool, key, 'A', 0, 9, 60_000)).rejects.toBeInstanceOf(CheckpointConflictError);
    // not the lease owner
    await expect(advanceCheckpoint(pool, key, 'B', 5, 9, 60_000)).rejects.toBeInstanceOf(CheckpointConflictError);
    expect(await lastSeq(key)).toBe(5);

    // an expired lease cannot advance either
    await pool.query("UPDATE consumer_checkpoints SET lease_expires_at = now() - interval '1 second' WHERE consumer = 'cas'");
    await expect(advanceCheckpoint(pool, key, 'A', 5, 9, 60_000)).rejects.toMatchObject({ code: 'checkpoint_conflict' });
    expect(await lastSeq(key)).toBe(5);
  });

  it('rolls the read-model writes back with a refused compare-and-set', async () => {
    const key = { consumer: 'cas-tx', tenantId: tenant, version: 1 };
    await acquireLease(pool, key, 'A', 60_000);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT set_config('app.current_org_id', $1, true)", [tenant]);
      await client.query("INSERT INTO read_models.organizations_v1 (tenant_id, name, kind, created_at, last_seq) VALUES ($1, 'X', 'client', now(), 1)", [tenant]);
      await expect(advanceCheckpoint(client, key, 'A', 3, 4, 60_000)).rejects.toBeInstanceOf(CheckpointConflictError);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM read_models.organizations_v1');
    expect(rows[0].n).toBe(0);
  });

  it('gives a (projection, tenant) lease to one owner at a time', async () => {
    const key = { consumer: 'lease', tenantId: tenant, version: 1 };
    const [a, b] = await Promise.all([acquireLease(pool, key, 'A', 60_000), acquireLease(pool, key, 'B', 60_000)]);
    expect([a, b].filter((x) => x !== undefined)).toEqual([0]);
    const holder = a === undefined ? 'B' : 'A';
    const other = holder === 'A' ? 'B' : 'A';
    expect(await acquireLease(pool, key, other, 60_000)).toBeUndefined();
    expect(await acquireLease(pool, key, holder, 60_000)).toBe(0); // renewal by the holder

    await releaseLease(pool, key, holder);
    expect(await acquireLease(pool, key, other, 50)).toBe(0);
    await new Promise((r) => setTimeout(r, 120));
    // the lease expired: the first owner may take it over, and the second can no longer advance
    expect(await acquireLease(pool, key, holder, 60_000)).toBe(0);
    await expect(advanceCheckpoint(pool, key, other, 0, 1, 60_000)).rejects.toBeInstanceOf(CheckpointConflictError);
  });
});
