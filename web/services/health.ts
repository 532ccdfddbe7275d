/** The database probe behind /healthz: one round trip as navcast_app; throws when the database cannot be reached. */
import type pg from 'pg';

export async function pingDatabase(pool: pg.Pool): Promise<void> {
  await pool.query('SELECT 1');
}
