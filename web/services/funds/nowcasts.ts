/**
 * The latest nowcast of each fund, for the dashboard and the fund list API. No run results
 * exist in the read models yet, so every fund honestly has none; when a posterior_results
 * read model lands, `latestNowcasts` becomes a prepared query (keyed by fund identity) read
 * in the same round trip as the funds, and the dashboard column and the API field fill in.
 */

/** A fund's most recent nowcast: the estimated value at a date with its 90% interval. */
export interface LatestNowcast {
  /** The date the value is estimated for (YYYY-MM-DD). */
  readonly asOfDate: string;
  readonly currency: string;
  /** Posterior median of the fund's value. */
  readonly value: number;
  readonly lower90: number;
  readonly upper90: number;
}

/** Latest nowcast per fund identity hash (none yet: see the module comment). */
export function latestNowcasts(): ReadonlyMap<string, LatestNowcast> {
  return new Map();
}
