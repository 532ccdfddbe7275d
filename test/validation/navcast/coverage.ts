/**
 * Nowcast coverage on simulated buyout funds (issue 5 item 9, docs/navcast-model.md c.5): each fund
 * is fitted with `navcast fit`'s own code (data preparation with OLS and GARCH from the
 * simulated pre-inception history, warm-started windows, worker threads) at a few window ends;
 * the posterior bands of the value at each window end are checked against the simulator's true
 * value, and the posterior median's log error is compared with the naive nowcast's and the last
 * published NAV's.
 */
import { fitFund, inputAsOf, namedStream, PRESETS, simulateFund, type Band, type WindowSummary } from '../../../sampler/navcast/index.js';
import { validationFitConfig, type ValidationFitSettings } from './fitSettings.js';

/** Settings of a coverage run. */
export interface CoverageSettings extends ValidationFitSettings {
  readonly seeds: readonly number[];
  /** Window ends in weeks of age; each fund adds its own offset of 0..12 weeks (windows fall anywhere in a quarter). */
  readonly windowWeeks: readonly number[];
}

/** One window of one fund: the truth, the posterior band, the benchmarks and the diagnostics. */
export interface CoverageWindow {
  readonly seed: number;
  /** Position of the window in the settings' windowWeeks. */
  readonly windowIndex: number;
  readonly week: number;
  readonly truth: number;
  /** Posterior of the value at the window end. */
  readonly value: Band;
  readonly naive: number;
  readonly lastNav: number | null;
  readonly divergences: number;
  readonly maxRhat: number;
  readonly minEssBulk: number;
}

/** Window weeks of fund `seed`: the settings' weeks shifted by a seeded offset in 0..12. */
export function coverageWeeks(seed: number, weeks: readonly number[]): number[] {
  const offset = Math.floor(13 * namedStream(seed, 'coverageOffset').uniform());
  return weeks.map((w) => w + offset);
}

/** Fits the windows of buyout fund `seed` and compares them with its truth. */
export async function coverageFund(seed: number, s: CoverageSettings): Promise<CoverageWindow[]> {
  const weeks = coverageWeeks(seed, s.windowWeeks);
  const { input, truth } = simulateFund(PRESETS.buyout, seed);
  const { summary } = await fitFund(inputAsOf(input, weeks[weeks.length - 1]), validationFitConfig(s, weeks, seed), { workers: s.workers });
  const bench = new Map(summary.benchmarks.windows.map((b) => [b.week, b]));
  return summary.windows.map((w, windowIndex) => {
    if (!('value' in w)) throw new Error(`fund ${seed}, week ${w.week}: sampler failed: ${w.failures.join('; ')}`);
    const { value, diagnostics: d } = w as WindowSummary;
    const b = bench.get(w.week)!;
    return {
      seed,
      windowIndex,
      week: w.week,
      truth: truth.V[w.week],
      value,
      naive: b.naive,
      lastNav: b.lastNav,
      divergences: d.divergences,
      maxRhat: d.maxRhat,
      minEssBulk: d.minEssBulk,
    };
  });
}

/** Coverage of one nominal level. */
export interface CoverageRow {
  readonly nominal: number;
  readonly covered: number;
  readonly windows: number;
  readonly coverage: number;
  /** Binomial standard error of the coverage (windows treated as independent). */
  readonly se: number;
  /** |coverage - nominal| <= 0.07 (issue 5 item 9). */
  readonly pass: boolean;
}

const INTERVALS: readonly [number, keyof Band, keyof Band][] = [
  [0.5, 'q25', 'q75'],
  [0.8, 'q10', 'q90'],
  [0.9, 'q5', 'q95'],
];

/** Coverage of the 50, 80 and 90% intervals over `rows`. */
export function coverageRows(rows: readonly CoverageWindow[]): CoverageRow[] {
  return INTERVALS.map(([nominal, lo, hi]) => {
    const covered = rows.filter((r) => r.value[lo] <= r.truth && r.truth <= r.value[hi]).length;
    const coverage = covered / rows.length;
    return { nominal, covered, windows: rows.length, coverage, se: Math.sqrt((coverage * (1 - coverage)) / rows.length), pass: Math.abs(coverage - nominal) <= 0.07 };
  });
}

/** Root mean square of log(estimate / truth) over the rows where the estimate exists. */
export function logRmse(rows: readonly CoverageWindow[], estimate: (r: CoverageWindow) => number | null): { rmse: number; n: number } {
  const errors = rows.flatMap((r) => {
    const e = estimate(r);
    return e === null || !(e > 0) ? [] : [Math.log(e / r.truth)];
  });
  return { rmse: Math.sqrt(errors.reduce((s, x) => s + x * x, 0) / errors.length), n: errors.length };
}
