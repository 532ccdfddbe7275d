import { NavcastError } from '../domain/errors.js';
import type pg from 'pg';
import { z } from 'zod';

/** A connection that runs queries: a pg.PoolClient or pg.Client. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/** Raised when a row read from a read model does not match its schema. */
export class ReadModelRowError extends NavcastError {
  readonly code = 'read_model_row_invalid';
  readonly status = 500;
  constructor(table: string, issues: string) {
    super(`row of ${table} does not match its schema: ${issues}`);
    this.name = 'ReadModelRowError';
  }
}

/**
 * Runs `work` in one transaction whose RLS tenant is `tenantId`. The setting is
 * transaction-local (set_config(..., true), i.e. SET LOCAL), so a pooled connection never
 * carries one tenant's identity into another's request.
 */
export async function withTenant<T>(pool: pg.Pool, tenantId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  // Parsed as a UUID (lower-cased), so it is safe as a literal: BEGIN and the setting then go
  // in one round trip (simple query protocol) instead of two on every read.
  const tenant = z.uuid().parse(tenantId).toLowerCase();
  const client = await pool.connect();
  try {
    await client.query(`BEGIN; SELECT set_config('app.current_org_id', '${tenant}', true)`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Parses query rows with a zod schema, failing loudly on the first row that does not fit. */
export function parseRows<S extends z.ZodType>(table: string, schema: S, rows: unknown[]): z.infer<S>[] {
  return rows.map((row) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new ReadModelRowError(table, parsed.error.message);
    return parsed.data;
  });
}
