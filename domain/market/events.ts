import { z } from 'zod';
import { canonicalJson, sha256HexOfText } from '../events/canonical.js';
import { defineEvent } from '../events/registry.js';
import { Sha256Hex } from '../funds/events.js';
import { Instant } from '../organizations/values.js';
import { MarketPoints, SeriesId, type MarketPoint } from './values.js';

/**
 * MarketSeriesUploaded v1 (platform tenant): the whole series as uploaded; it replaces the
 * previous upload of the series. `dataHash` is sha256 of the canonical JSON of the points.
 */
export const MarketSeriesUploadedData = z.object({
  seriesId: SeriesId,
  revision: z.number().int().min(1),
  points: MarketPoints,
  dataHash: Sha256Hex,
  uploadedAt: Instant,
});

export type MarketSeriesUploaded = { readonly type: 'MarketSeriesUploaded'; readonly data: z.infer<typeof MarketSeriesUploadedData> };

export const marketEventDefinitions = [defineEvent({ type: 'MarketSeriesUploaded', schema: MarketSeriesUploadedData })] as const;

/** Stream of one market series (platform tenant). */
export const marketSeriesStreamId = (seriesId: string): string => `market-${seriesId}`;

/** Data hash of a series' points (canonical JSON, so key order and spacing never matter). */
export function marketSeriesHash(points: readonly MarketPoint[]): string {
  return sha256HexOfText(canonicalJson(points));
}
