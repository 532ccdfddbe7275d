import { z } from 'zod';
import { SeriesId } from '../market/values.js';
import { CalendarDate } from './values.js';

/**
 * A date-bounded regime: from `from` (inclusive) to `to` (exclusive, null = open) the fund
 * follows these series instead of the configuration's defaults.
 */
export const MarketRegime = z
  .object({ from: CalendarDate, to: CalendarDate.nullable(), index: SeriesId, comparable: SeriesId.nullable() })
  .refine((r) => r.to === null || r.from < r.to, { message: 'a regime must end after it starts' });
export type MarketRegime = z.infer<typeof MarketRegime>;

/**
 * Which market series a fund's model reads: a market index, an optional comparable asset,
 * and regimes sorted by start date that never overlap.
 */
export const MarketConfig = z
  .object({ index: SeriesId, comparable: SeriesId.nullable(), regimes: z.array(MarketRegime) })
  .refine((c) => c.regimes.every((r, i) => i === 0 || (c.regimes[i - 1].to !== null && (c.regimes[i - 1].to as string) <= r.from)), {
    message: 'regimes must be sorted by start date and must not overlap',
  });
export type MarketConfig = z.infer<typeof MarketConfig>;
