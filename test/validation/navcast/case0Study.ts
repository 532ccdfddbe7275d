/**
 * The paper's Case-0 fund (issue 5 item 10): fitted with `navcast fit`'s code at yearly window
 * ends and the last week before liquidation; posterior intervals of beta, lambda and sigma_n
 * next to the truth and the published maximum-likelihood estimates, real-time nowcast errors
 * against the true value at each window end, and the revised path of the last window against
 * the whole true value path.
 */
import { readCase0 } from '../../../ops/navcast/case0Files.js';
import { validationFitConfig, type ValidationFitSettings } from './fitSettings.js';
import { CASE0_PUBLISHED_ML, fitFund, CASE0_TRUTH, type ParameterRow, type WindowSummary } from '../../../sampler/navcast/index.js';

/** Settings of the Case-0 run. */
export interface Case0Settings extends ValidationFitSettings {
  readonly dir: string;
  readonly windowWeeks: readonly number[];
  readonly seed: number;
}

/** One parameter next to the truth and the paper's estimate. */
export interface Case0Parameter {
  readonly name: 'beta' | 'lambda' | 'sigmaN';
  readonly truth: number;
  readonly publishedMl: number;
  readonly posterior: ParameterRow;
  readonly covers: boolean;
}

/** A real-time nowcast at one window end. */
export interface Case0Window {
  readonly week: number;
  readonly truth: number;
  readonly q5: number;
  readonly q50: number;
  readonly q95: number;
  readonly naive: number;
  readonly lastNav: number | null;
  readonly divergences: number;
  readonly maxRhat: number;
  readonly minEssBulk: number;
}

/** What the Case-0 run reports. */
export interface Case0Result {
  readonly parameters: Case0Parameter[];
  readonly windows: Case0Window[];
  /** Last window's revised path against the true path over weeks 1..tau: log RMSE and 90% band coverage; the naive path's log RMSE. */
  readonly revised: { readonly weeks: number; readonly logRmse: number; readonly naiveLogRmse: number; readonly coverage90: number };
  readonly seconds: number;
}

const rms = (xs: readonly number[]) => Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);

/** Fits Case 0 and compares it with its truth. */
export async function runCase0(s: Case0Settings): Promise<Case0Result> {
  const { input, trueValue } = await readCase0(s.dir);
  const { summary } = await fitFund(input, validationFitConfig(s, s.windowWeeks, s.seed), { workers: s.workers, onProgress: (event) => process.stderr.write(`  case0: ${event.message}\n`) });
  const fitted = summary.windows.filter((w): w is WindowSummary => 'value' in w);
  const last = fitted[fitted.length - 1];
  if (last === undefined || last.week !== s.windowWeeks[s.windowWeeks.length - 1]) throw new Error('Case 0: the last window has no draws');
  const parameters = (['beta', 'lambda', 'sigmaN'] as const).map((name) => {
    const posterior = last.parameters[name];
    return { name, truth: CASE0_TRUTH[name], publishedMl: CASE0_PUBLISHED_ML[name], posterior, covers: posterior.q5 <= CASE0_TRUTH[name] && CASE0_TRUTH[name] <= posterior.q95 };
  });
  const bench = new Map(summary.benchmarks.windows.map((b) => [b.week, b]));
  const windows = fitted.map((w) => ({
    week: w.week,
    truth: trueValue[w.week],
    q5: w.value.q5,
    q50: w.value.q50,
    q95: w.value.q95,
    naive: bench.get(w.week)!.naive,
    lastNav: bench.get(w.week)!.lastNav,
    divergences: w.diagnostics.divergences,
    maxRhat: w.diagnostics.maxRhat,
    minEssBulk: w.diagnostics.minEssBulk,
  }));
  const path = summary.revisedPath!;
  const naive = summary.benchmarks.naivePath!.values;
  const weeks = path.weeks.filter((t) => t >= 1 && trueValue[t] > 0);
  const revised = {
    weeks: weeks.length,
    logRmse: rms(weeks.map((t) => Math.log(path.bands[t].q50 / trueValue[t]))),
    naiveLogRmse: rms(weeks.map((t) => Math.log(naive[t] / trueValue[t]))),
    coverage90: weeks.filter((t) => path.bands[t].q5 <= trueValue[t] && trueValue[t] <= path.bands[t].q95).length / weeks.length,
  };
  return { parameters, windows, revised, seconds: summary.seconds };
}
