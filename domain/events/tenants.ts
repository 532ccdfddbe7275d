/**
 * Tenant conventions. Every event belongs to a tenant (an organisation id). Platform-wide
 * facts (model configs, market data, the platform organisation itself) live under one fixed
 * platform tenant, so they are chained, sealed and verified like any tenant's.
 */

/** The platform tenant's id: the nil UUID, never issued to a client organisation. */
export const PLATFORM_TENANT_ID = '00000000-0000-0000-0000-000000000000';

/** True for the platform tenant. */
export function isPlatformTenant(tenantId: string): boolean {
  return tenantId === PLATFORM_TENANT_ID;
}
