import type pg from 'pg';
import { type PreparedQuery, type QueryResults, readAsTenantOnce, tenantCheckpointQuery, withTenant } from '../../read-models/index.js';
import type { TenantPrincipal } from '../auth/principal.js';

/**
 * Runs `work` in one transaction as navcast_app with the principal's organisation as the RLS
 * tenant. Every read of tenant data in the portal goes through here, `readTenantOnce` or
 * `readTenantSnapshot`:
 * a row of another organisation is invisible, so asking for it by id finds nothing (404),
 * never its data.
 */
export function readAsTenant<T>(pool: pg.Pool, principal: TenantPrincipal, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withTenant(pool, principal.orgId, work);
}

/** A value read from the read models with the tenant checkpoint it was read at. */
export interface Snapshot<T> {
  /** read_models.tenant_checkpoint() read before the rows: the rows are at least this fresh. */
  readonly checkpoint: string;
  readonly value: T;
}

/** Runs prepared `queries` as the principal's organisation in one round trip (no checkpoint: for pages that send no ETag). */
export function readTenantOnce<const Q extends readonly PreparedQuery<unknown>[]>(pool: pg.Pool, principal: TenantPrincipal, queries: Q): Promise<QueryResults<Q>> {
  return readAsTenantOnce(pool, principal.orgId, queries);
}

/**
 * Runs prepared `queries` as the principal's organisation in one round trip, after reading the
 * tenant checkpoint in the same transaction (docs/architecture.md "Reads in one round trip").
 */
export async function readTenantSnapshot<const Q extends readonly PreparedQuery<unknown>[]>(
  pool: pg.Pool,
  principal: TenantPrincipal,
  queries: Q,
): Promise<{ checkpoint: string; values: QueryResults<Q> }> {
  const [checkpoint, ...values] = await readAsTenantOnce(pool, principal.orgId, [tenantCheckpointQuery(), ...queries]);
  return { checkpoint: checkpoint as string, values: values as QueryResults<Q> };
}

/** The tenant checkpoint alone (one round trip, no rows): enough to answer a conditional read with 304. */
export async function tenantCheckpoint(pool: pg.Pool, principal: TenantPrincipal): Promise<string> {
  const [checkpoint] = await readAsTenantOnce(pool, principal.orgId, [tenantCheckpointQuery()]);
  return checkpoint;
}
