import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

describe('test kit', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('gives each file its own migrated database on a real PostgreSQL server', async () => {
    const client = new pg.Client({ connectionString: db.ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string; version: string }>("SELECT current_database() AS db, current_setting('server_version_num') AS version");
      expect(rows[0].db).toBe(db.name);
      expect(Number(rows[0].version)).toBeGreaterThanOrEqual(150000);
      const migrations = await client.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(migrations.rows[0].n).toBeGreaterThanOrEqual(0);
    } finally {
      await client.end();
    }
  });
});
