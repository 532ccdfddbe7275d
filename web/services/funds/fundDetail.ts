/**
 * What the fund page and the fund API read about one fund, in one tenant transaction: the
 * identity with its latest attributes, its versions, its renames and one version's series.
 * Another organisation's fund is invisible under RLS, so it is simply not found (404).
 */
import { IdentityHash } from '../../../domain/identity/index.js';
import {
  findFundDataVersion,
  findFundSummary,
  listFundAliases,
  listFundVersionSummaries,
  type FundAliasView,
  type FundDataVersionView,
  type FundSummaryView,
  type FundVersionSummaryView,
} from '../../../read-models/index.js';
import type { TenantPrincipal } from '../../auth/principal.js';
import type pg from 'pg';
import { HttpProblem } from '../../problems.js';
import { readAsTenant } from '../tenantData.js';
import { latestNowcasts, type LatestNowcast } from './nowcasts.js';

/** A fund identity hash in a URL: SHA-256, lowercase hex. */

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
 * Reads a fund in one tenant transaction; `options.version` picks the series to include
 * (default: the latest), `withSeries: false` skips the series. Throws 404.
 */
export async function readFundDetail(ctx: { readonly pool: pg.Pool }, principal: TenantPrincipal, identityHash: string, options: FundDetailOptions = {}): Promise<FundDetail> {
  if (!IdentityHash.safeParse(identityHash).success) throw fundNotFound();
  const { version, withSeries = true } = options;
  const detail = await readAsTenant(ctx.pool, principal, async (db) => {
    const fund = await findFundSummary(db, identityHash);
    if (fund === undefined) return undefined;
    const wanted = version ?? fund.latestVersion;
    const shown = wanted === null || !withSeries ? undefined : await findFundDataVersion(db, identityHash, wanted);
    if (version !== undefined && shown === undefined) throw new HttpProblem(404, 'fund_version_not_found', `this fund has no version ${version}`);
    return {
      fund,
      versions: await listFundVersionSummaries(db, identityHash),
      aliases: await listFundAliases(db, identityHash),
      shown: shown ?? null,
      nowcast: (await latestNowcasts(db)).get(identityHash),
    };
  });
  if (detail === undefined) throw fundNotFound();
  return detail;
}
