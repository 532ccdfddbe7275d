import { NavcastError } from '../../domain/errors.js';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Folders holding SQL migrations. Files are named `NNNN_description.sql`; the number is
 * global across folders and fixes the order in which they are applied.
 */
export const migrationFolders = [join(root, 'commands', 'eventLog', 'migrations'), join(root, 'read-models', 'migrations'), join(root, 'web', 'migrations')];

export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Every migration, in the order it is applied. Duplicate numbers are an error. */
export function listMigrations(): Migration[] {
  const found: Migration[] = [];
  for (const folder of migrationFolders) {
    for (const file of readdirSync(folder)) {
      if (!file.endsWith('.sql')) continue;
      if (!/^\d{4}_[a-z0-9_]+\.sql$/.test(file)) throw new Error(`migration file name ${file} in ${folder} is not NNNN_snake_case.sql`);
      found.push({ id: file.replace(/\.sql$/, ''), sql: readFileSync(join(folder, file), 'utf8') });
    }
  }
  found.sort((a, b) => a.id.localeCompare(b.id));
  for (let i = 1; i < found.length; i++) {
    if (found[i].id.slice(0, 4) === found[i - 1].id.slice(0, 4)) {
      throw new Error(`two migrations share number ${found[i].id.slice(0, 4)}: ${found[i - 1].id}, ${found[i].id}`);
    }
  }
  return found;
}

/** Raised when the connecting role cannot own NAVcast's schema. */
export class MigrationOwnerError extends NavcastError {
  readonly code = 'MIGRATION_OWNER_INVALID';
  readonly status = 500;
}

/**
 * The SECURITY DEFINER functions of the migrations (sign-in lookups, sessions, the
 * organisation directory) run as the role that created them and read tables on which RLS is
 * forced before any tenant is known; they see rows only when that role bypasses RLS. Without
 * it every sign-in would fail as if the password were wrong, so a start is refused instead.
 */
async function checkOwner(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string; bypasses: boolean }>('SELECT rolname AS name, rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = current_user');
  const owner = rows[0];
  if (owner === undefined || !owner.bypasses) {
    throw new MigrationOwnerError(
      `the database role "${owner?.name ?? 'unknown'}" cannot own NAVcast's schema: it must be a superuser or have BYPASSRLS ` +
        '(ALTER ROLE ... BYPASSRLS), because the sign-in and session functions run as it on tables with forced row-level security',
    );
  }
}

/**
 * Applies pending migrations as the connecting (owner) role, each in its own transaction,
 * under an advisory lock so that concurrent starts do not race. Returns the ids applied.
 * The role must bypass RLS (MigrationOwnerError otherwise, before anything is changed).
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await checkOwner(client);
    await client.query('SELECT pg_advisory_lock(727100001)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
    for (const migration of listMigrations()) {
      if (done.has(migration.id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.id} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.id);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(727100001)').catch(() => {});
    await client.end();
  }
  return applied;
}
