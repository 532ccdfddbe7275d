/**
 * The funds area: the organisation's funds with their latest version, NAVs and nowcasts, one
 * fund's detail and series, each read in one round trip as the tenant (RLS), tagged with the
 * read-model checkpoint the rows were read at (for ETags).
 */
import type pg from 'pg';
import { fundPageQuery, latestNavsQuery, type FundListPosition, type FundPage, type FundSummaryView } from '../../../read-models/index.js';
import type { TenantPrincipal } from '../../auth/principal.js';
import { readTenantOnce, readTenantSnapshot, type Snapshot } from '../tenantData.js';
import { latestNowcasts, type LatestNowcast } from './nowcasts.js';

export { datedRows } from '../../../commands/ingest/index.js';
export type { FundAliasView, FundListPosition, FundSummaryView, FundVersionSummaryView, Uploader } from '../../../read-models/index.js';
export { IdentityHash } from '../../../domain/identity/index.js';
export { fundNotFound, readFundDetail, type FundDetail, type FundDetailOptions } from './fundDetail.js';
export type { LatestNowcast } from './nowcasts.js';

interface Pooled {
  readonly pool: pg.Pool;
}

/** Which page of the fund list: `limit` funds after `after` (null: the first), renamed ones too or not. */
export interface FundListRequest {
  readonly after: FundListPosition | null;
  readonly limit: number;
  readonly includeRenamed: boolean;
}

/** A page of the organisation's funds and their latest nowcasts. */
export async function listFunds(ctx: Pooled, principal: TenantPrincipal, request: FundListRequest): Promise<Snapshot<FundPage & { nowcasts: ReadonlyMap<string, LatestNowcast> }>> {
  const { checkpoint, values } = await readTenantSnapshot(ctx.pool, principal, [fundPageQuery(request)]);
  return { checkpoint, value: { ...values[0], nowcasts: latestNowcasts() } };
}

/** What the dashboard shows: every fund, their recent reported NAVs and latest nowcasts. */
export async function dashboardFunds(
  ctx: Pooled,
  principal: TenantPrincipal,
): Promise<{ funds: FundSummaryView[]; navs: Map<string, { valueDate: string; amount: number }[]>; nowcasts: ReadonlyMap<string, LatestNowcast> }> {
  const [page, navs] = await readTenantOnce(ctx.pool, principal, [fundPageQuery({ after: null, limit: null, includeRenamed: true }), latestNavsQuery()]);
  return { funds: page.funds, navs, nowcasts: latestNowcasts() };
}
