import { z } from 'zod';
import { handleMarketUpload, type MarketUploadResult } from '../../../commands/funds/index.js';
import type { WebContext } from '../../context.js';
import { readAsTenant } from '../tenantData.js';
import { adminCommandMeta, type AdminCall } from './crossTenant.js';

/** Largest market CSV accepted: 16 MiB (about 400k rows of `series_id,date,value`). */
export const MAX_MARKET_CSV_BYTES = 16 * 1024 * 1024;

/** A platform market series as the admin list shows it (points are not listed). */
export interface MarketSeriesSummary {
  readonly seriesId: string;
  readonly revision: number;
  readonly points: number;
  /** First and last observation dates, YYYY-MM-DD. */
  readonly firstDate: string;
  readonly lastDate: string;
  readonly uploadedAt: string;
}

const SeriesRow = z.object({
  series_id: z.string(),
  revision: z.number(),
  point_count: z.number(),
  first_date: z.string(),
  last_date: z.string(),
  uploaded_at: z.date(),
});

/**
 * Every platform market series with its count and date range, from the market_series read
 * model (readable by every tenant, so the super_admin reads it as the platform organisation;
 * reference data, so the access log does not record it).
 */
export async function listMarketSeries(call: AdminCall): Promise<MarketSeriesSummary[]> {
  const rows = await readAsTenant(
    call.pool,
    call.reader,
    async (db) => (await db.query('SELECT series_id, revision, point_count, first_date::text, last_date::text, uploaded_at FROM market_series ORDER BY series_id')).rows,
  );
  return rows.map((row: unknown) => {
    const r = SeriesRow.parse(row);
    return { seriesId: r.series_id, revision: r.revision, points: r.point_count, firstDate: r.first_date, lastDate: r.last_date, uploadedAt: r.uploaded_at.toISOString() };
  });
}

/**
 * Uploads a market CSV (`series_id,date,value`) as the super_admin: one revision per series
 * whose points changed, all-or-nothing on problems; then waits for the projections.
 */
export async function uploadMarketCsv(ctx: WebContext, call: AdminCall, bytes: Uint8Array, fileName: string): Promise<MarketUploadResult> {
  const result = await handleMarketUpload(ctx.log, bytes, fileName, adminCommandMeta(ctx, call));
  if (result.ok) await ctx.settleProjections();
  return result;
}
