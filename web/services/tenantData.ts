import type pg from 'pg';
import { withTenant } from '../../read-models/index.js';
import type { TenantPrincipal } from '../auth/principal.js';

/**
 * Runs `work` in one transaction as navcast_app with the principal's organisation as the RLS
 * tenant. Every read of tenant data in the portal goes through here: a row of another
 * organisation is invisible, so asking for it by id finds nothing (404), never its data.
 */
export function readAsTenant<T>(pool: pg.Pool, principal: TenantPrincipal, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withTenant(pool, principal.orgId, work);
}
