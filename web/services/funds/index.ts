/**
 * The funds area: the organisation's funds with their latest version, NAVs and nowcasts, one
 * fund's detail and series, each read in one tenant transaction (RLS).
 */
import type pg from 'pg';
import { listFundSummaries, listLatestNavs, type FundSummaryView } from '../../../read-models/index.js';
import type { TenantPrincipal } from '../../auth/principal.js';
import { readAsTenant } from '../tenantData.js';
import { latestNowcasts, type LatestNowcast } from './nowcasts.js';

export { datedRows } from '../../../commands/ingest/index.js';
export type { FundAliasView, FundSummaryView, FundVersionSummaryView, Uploader } from '../../../read-models/index.js';
export { IdentityHash } from '../../../domain/identity/index.js';
export { fundNotFound, readFundDetail, type FundDetail, type FundDetailOptions } from './fundDetail.js';
export type { LatestNowcast } from './nowcasts.js';

interface Pooled {
  readonly pool: pg.Pool;
}

/** The organisation's funds and their latest nowcasts. */
export function listFunds(ctx: Pooled, principal: TenantPrincipal): Promise<{ funds: FundSummaryView[]; nowcasts: ReadonlyMap<string, LatestNowcast> }> {
  return readAsTenant(ctx.pool, principal, async (db) => ({ funds: await listFundSummaries(db), nowcasts: await latestNowcasts(db) }));
}

/** What the dashboard shows: the funds, their recent reported NAVs and latest nowcasts. */
export function dashboardFunds(
  ctx: Pooled,
  principal: TenantPrincipal,
): Promise<{ funds: FundSummaryView[]; navs: Awaited<ReturnType<typeof listLatestNavs>>; nowcasts: ReadonlyMap<string, LatestNowcast> }> {
  return readAsTenant(ctx.pool, principal, async (db) => ({ funds: await listFundSummaries(db), navs: await listLatestNavs(db), nowcasts: await latestNowcasts(db) }));
}
