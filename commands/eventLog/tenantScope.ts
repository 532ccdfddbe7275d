/**
 * Reads under a tenant: the application role sees the log through forced RLS, keyed on
 * app.current_org_id, which is set per transaction (never per session).
 */
import type pg from 'pg';

/** Runs `work` in a transaction whose tenant is `tenantId`; read-only by intent. */
export async function withTenant<T>(pool: pg.Pool, tenantId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('app.current_org_id', $1, true)", [tenantId]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError as Error;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
