import type pg from 'pg';
import type { Projection } from './projection.js';

export type VersionStatus = 'building' | 'active' | 'retired';

/** Status of a projection version, or undefined when it has never been created. */
export async function versionStatus(pool: pg.Pool, projection: Projection, version: number): Promise<VersionStatus | undefined> {
  const { rows } = await pool.query<{ status: VersionStatus }>('SELECT status FROM read_models.projection_versions WHERE projection = $1 AND version = $2', [projection.name, version]);
  return rows[0]?.status;
}

/**
 * Makes sure the code's projection version exists: when it is new, its tables are created in
 * read_models and it is registered as 'building' while the active version keeps serving.
 */
export async function ensureVersion(pool: pg.Pool, projection: Projection): Promise<VersionStatus> {
  const status = await versionStatus(pool, projection, projection.version);
  if (status !== undefined) return status;
  await pool.query(`SELECT ${projection.ddl.create}('read_models', $1)`, [projection.version]);
  await pool.query(
    `INSERT INTO read_models.projection_versions (projection, version, status) VALUES ($1, $2, 'building')
     ON CONFLICT (projection, version) DO NOTHING`,
    [projection.name, projection.version],
  );
  return (await versionStatus(pool, projection, projection.version)) ?? 'building';
}

/**
 * Blue/green switch: in one transaction the views move to `version`, the previous active
 * version is retired and `version` becomes active.
 */
export async function activateVersion(pool: pg.Pool, projection: Projection, version: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT ${projection.ddl.activate}($1)`, [version]);
    await client.query(`UPDATE read_models.projection_versions SET status = 'retired' WHERE projection = $1 AND status = 'active' AND version <> $2`, [projection.name, version]);
    await client.query(`UPDATE read_models.projection_versions SET status = 'active', activated_at = now() WHERE projection = $1 AND version = $2`, [projection.name, version]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
