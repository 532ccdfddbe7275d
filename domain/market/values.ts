import { z } from 'zod';
import { CalendarDate } from '../funds/values.js';

/** Id of a market series: an index or a comparable asset, e.g. `MSCI-World-TR`. */
export const SeriesId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, ".", "_" and "-" (at most 100)');
export type SeriesId = z.infer<typeof SeriesId>;

/** One weekly observation: the series' return over the week ending on `date` (a fraction, 0.01 = 1 %). */
export const MarketPoint = z.object({ date: CalendarDate, value: z.number().finite() });
export type MarketPoint = z.infer<typeof MarketPoint>;

/** A series' points, strictly increasing in date. */
export const MarketPoints = z
  .array(MarketPoint)
  .min(1)
  .refine((points) => points.every((p, i) => i === 0 || points[i - 1].date < p.date), { message: 'dates must be strictly increasing' });
