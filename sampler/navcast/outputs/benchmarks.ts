/**
 * What a fit's nowcast is compared with (docs/navcast-model.md d.1, "benchmarks shown alongside"):
 * the reported NAVs, the naive nowcast (last published NAV rolled forward with the comparable's
 * returns and the cash flows; BGG's NaiveRealTime) and the last published NAV at each window end.
 * Money in currency units.
 */
import { naiveNowcast } from '../model/index.js';
import type { PreparedFund } from '../data/prepare.js';
import { weekEndDate } from '../data/windows.js';

/** A reported NAV: value date (week), its date, the amount and the week it was published. */
export interface ReportedNav {
  readonly week: number;
  readonly date: string;
  readonly value: number;
  readonly publishedWeek: number;
}

/** The benchmarks at one window end. */
export interface WindowBenchmark {
  readonly week: number;
  /** Naive nowcast of the value at the window end. */
  readonly naive: number;
  /** Last NAV published by the window end, and its value week (null before the first). */
  readonly lastNav: number | null;
  readonly lastNavWeek: number | null;
}

/** Everything summary.json carries for the comparison charts and tables. */
export interface FitBenchmarks {
  readonly reportedNavs: ReportedNav[];
  /** Weekly naive nowcast 0..tau with the data of the last window (null when there is no window). */
  readonly naivePath: { readonly weeks: number[]; readonly values: number[] } | null;
  readonly windows: WindowBenchmark[];
  /** Mean weekly variance h over weeks 1..last window (annual idiosyncratic volatility is F sqrt(52 h)). */
  readonly meanWeeklyVariance: number;
}

/** Value week of the last NAV published by the end of week `tau`, or null. */
export function lastPublishedNavWeek(prepared: PreparedFund, tau: number): number | null {
  const { nav, navPub } = prepared.fund;
  let last: number | null = null;
  for (let t = 0; t <= tau && t < nav.length; t++) if (nav[t] !== null && navPub[t] <= tau) last = t;
  return last;
}

/** The benchmarks of windows `weeks` (ascending) of `prepared`, dated from `week0`. */
export function fitBenchmarks(prepared: PreparedFund, weeks: readonly number[], week0: string): FitBenchmarks {
  const { fund, commitment: K } = prepared;
  const reportedNavs = fund.nav.flatMap((v, t) => (v === null ? [] : [{ week: t, date: weekEndDate(week0, t), value: K * v, publishedWeek: fund.navPub[t] }]));
  const windows = weeks.map((tau) => {
    const navWeek = lastPublishedNavWeek(prepared, tau);
    return { week: tau, naive: K * naiveNowcast(fund, tau)[tau], lastNav: navWeek === null ? null : K * (fund.nav[navWeek] as number), lastNavWeek: navWeek };
  });
  const last = weeks.at(-1);
  const naivePath = last === undefined ? null : { weeks: Array.from({ length: last + 1 }, (_, t) => t), values: Array.from(naiveNowcast(fund, last), (v) => K * v) };
  const hs = fund.h.slice(1, (last ?? 0) + 1).filter((x): x is number => x !== null);
  const meanWeeklyVariance = hs.length === 0 ? Number.NaN : hs.reduce((s, x) => s + x, 0) / hs.length;
  return { reportedNavs, naivePath, windows, meanWeeklyVariance };
}
