/**
 * What the fund page and the fund API read about one fund, in one tenant transaction: the
 * identity with its latest attributes, its versions, its renames and one version's series.
 * Another organisation's fund is invisible under RLS, so it is simply not found (404).
 */
import { IdentityHash } from '../../../domain/identity/index.js';
import {
  fundAliasesQuery,
  fundDataVersionQuery,
  fundSummaryQuery,
  fundVersionSummariesQuery,
  type FundAliasView,
  type FundDataVersionView,
  type FundSummaryView,
  type FundVersionSummaryView,
} from '../../../read-models/index.js';
import type { TenantPrincipal } from '../../auth/principal.js';
import type pg from 'pg';
import { HttpProblem } from '../../problems.js';
import { readTenantSnapshot, type Snapshot } from '../tenantData.js';
import { latestNowcasts, type LatestNowcast } from './nowcasts.js';

/** The 404 of a fund that does not exist for this organisation; it never repeats the id. */
export function fundNotFound(): HttpProblem {
  return new HttpProblem(404, 'fund_not_found', 'your organisation has no fund with this identity');
}

/** One fund as the pages and the API show it. */
export interface FundDetail {
  readonly fund: FundSummaryView;
  readonly versions: FundVersionSummaryView[];
  readonly aliases: FundAliasView[];
  /** The shown version's series (the requested one, else the latest); null before any version or when not asked for. */
  readonly shown: FundDataVersionView | null;
  /** The fund's latest nowcast, if one exists. */
  readonly nowcast: LatestNowcast | undefined;
}

/** Which series to read with a fund: one version, the latest (default), or none (metadata only). */
export interface FundDetailOptions {
  readonly version?: number;
  readonly withSeries?: boolean;
}

/**
 * Reads a fund in one round trip as the tenant; `options.version` picks the series to include
 * (default: the latest), `withSeries: false` skips the series. Throws 404. The detail carries
 * the tenant checkpoint it was read at (for ETags).
 */
export async function readFundDetail(ctx: { readonly pool: pg.Pool }, principal: TenantPrincipal, identityHash: string, options: FundDetailOptions = {}): Promise<Snapshot<FundDetail>> {
  if (!IdentityHash.safeParse(identityHash).success) throw fundNotFound();
  const { version, withSeries = true } = options;
  const reads = [fundSummaryQuery(identityHash), fundVersionSummariesQuery(identityHash), fundAliasesQuery(identityHash)] as const;
  const { checkpoint, values } = withSeries
    ? await readTenantSnapshot(ctx.pool, principal, [...reads, fundDataVersionQuery(identityHash, version ?? null)])
    : await readTenantSnapshot(ctx.pool, principal, reads);
  const [fund, versions, aliases] = values;
  const shown = values.length === 4 ? values[3] : undefined;
  if (fund === undefined) throw fundNotFound();
  if (version !== undefined && withSeries && shown === undefined) throw new HttpProblem(404, 'fund_version_not_found', `this fund has no version ${version}`);
  return { checkpoint, value: { fund, versions, aliases, shown: shown ?? null, nowcast: latestNowcasts().get(identityHash) } };
}
