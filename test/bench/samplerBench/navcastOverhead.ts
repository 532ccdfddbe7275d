/**
 * The sampler's share of run time on the production posterior: the NAVcast model of the first
 * golden fund (test/fixtures/reference/navcast/golden.json, T = 520 weeks) over its whole
 * life (tau = 520, comp-whitened shocks, d = 533), started at the naive-path point. Its
 * gradient costs tens of microseconds, against a few for the AR(1) benchmark posterior.
 */
import { readFileSync } from 'node:fs';
import type { SampleOptions } from '../../../sampler/nuts/index.js';
import { naiveInitialPoint, navcastTarget, type NavcastFundData, type NavcastTarget } from '../../../sampler/navcast/model/index.js';
import { measureByDifference, measureOverhead, type DifferenceFigures, type OverheadFigures, type TimerCost } from './measureRun.js';

/** One chain, shorter than the AR(1) runs: the split, not the ESS, is measured here. */
const NAVCAST_RUN: SampleOptions = { chains: 1, warmup: 150, draws: 150, seed: 20240611 };

/** The golden fund's target at tau = 520 with its naive-path starting point. */
export function navcastBenchTarget(root: string): { target: NavcastTarget; initialPoint: Float64Array } {
  const golden = JSON.parse(readFileSync(`${root}/test/fixtures/reference/navcast/golden.json`, 'utf8')) as {
    cases: { fund: NavcastFundData }[];
  };
  const fund = golden.cases[0].fund;
  const target = navcastTarget(fund, { tau: 520, whitened: true });
  return { target, initialPoint: naiveInitialPoint(target, fund) };
}

/** Timed split and CPU-time difference split of a NAVcast run. */
export function measureNavcastOverhead(root: string, timer: TimerCost): { dim: number; timed: OverheadFigures; difference: DifferenceFigures } {
  const { target, initialPoint } = navcastBenchTarget(root);
  const options: SampleOptions = { ...NAVCAST_RUN, initialPoints: [initialPoint] };
  return { dim: target.dim, timed: measureOverhead(target, options, timer), difference: measureByDifference(target, options) };
}
