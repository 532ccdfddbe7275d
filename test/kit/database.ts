import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  /** Superuser (migration owner) URL of this file's own database. */
  readonly ownerUrl: string;
  readonly name: string;
  /**
   * Drops the database: waits up to 5 s for its connections to close (pool.end() resolves before
   * its clients' sockets have closed, and forcing those out makes each client raise 57P01 as an
   * uncaught error), then forces out any connection still open.
   */
  drop(): Promise<void>;
}

/**
 * Creates a fresh database for one test file, cloned from the migrated template that the
 * global setup prepared. Call it in `beforeAll` and `drop()` in `afterAll`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE navcast_template`);
        break;
      } catch (error) {
        // Two files cloning the template at the same instant can collide; retry briefly.
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    ownerUrl: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const deadline = Date.now() + 5000;
        const open = async () => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])).rows[0].n;
        while ((await open()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
