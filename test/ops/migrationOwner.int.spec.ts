/**
 * The migration owner must bypass row-level security: the sign-in and session functions run as
 * it on tables with forced RLS. A role that does not is refused before anything is written; a
 * non-superuser role with BYPASSRLS (as on a managed PostgreSQL) migrates an empty database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, MigrationOwnerError } from '../../ops/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';

const suffix = randomBytes(4).toString('hex');
const role = `owner_${suffix}`;
const database = `e_${suffix}`;
const password = randomBytes(12).toString('hex');
let db: TestDatabase;
let admin: pg.Client;
let roleUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new pg.Client({ connectionString: db.ownerUrl });
  await admin.connect();
  await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '${password}'`);
  await admin.query(`CREATE DATABASE ${database} OWNER ${role} TEMPLATE template0`);
  const url = new URL(db.ownerUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  roleUrl = url.toString();
}, 60_000);

afterAll(async () => {
  if (admin !== undefined) {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`DROP OWNED BY ${role}`).catch(() => {});
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  }
  await db?.drop();
});

async function tablesIn(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")).rows[0].n;
  } finally {
    await client.end();
  }
}

describe('migration owner', () => {
  it('refuses a role that does not bypass RLS, naming it, before writing anything', async () => {
    const refused = migrate(roleUrl);
    await expect(refused).rejects.toThrow(MigrationOwnerError);
    await expect(migrate(roleUrl)).rejects.toThrow(new RegExp(`"${role}" cannot own NAVcast's schema: it must be a superuser or have BYPASSRLS`));
    expect(await tablesIn(roleUrl)).toBe(0);
  });

  it('migrates an empty database as a non-superuser role with BYPASSRLS', async () => {
    await admin.query(`ALTER ROLE ${role} BYPASSRLS`);
    const applied = await migrate(roleUrl);
    expect(applied).toEqual(listMigrations().map((m) => m.id));
    expect(await tablesIn(roleUrl)).toBeGreaterThan(5);
  }, 60_000);
});
