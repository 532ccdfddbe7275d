/**
 * Chain starts for a sequence of windows (docs/navcast-model.md b.8, b.9): the first window starts
 * from the naive path with jitter; each later window continues the chain's last draw of the
 * previous window, with shocks for the new weeks that keep every distribution feasible, and
 * reuses its step size and metric.
 */
import { naiveInitialPoint, type NavcastFundData, type NavcastPoint, type NavcastPriors, type NavcastTarget } from '../model/index.js';
import type { RandomSource } from '../../nuts/rng.js';

/**
 * Inverse metric of a first window: the prior variance of each global on u, and the square of
 * target.shockScales for the shocks (1 for a shock, about 0.01 for an anchored coordinate). A
 * unit metric would make the first step-size search chase alpha, whose prior sd is 0.05/52, and
 * waste the early warm-up at step sizes near 1e-4.
 */
export function priorMetric(target: NavcastTarget): Float64Array {
  const metric = new Float64Array(target.dim);
  target.globalScales.forEach((sd, k) => (metric[k] = sd * sd));
  const nGlobal = target.globals.length;
  target.shockScales.forEach((sd, i) => (metric[nGlobal + i] = sd * sd));
  return metric;
}

/** Jitter of b.8: N(0, (0.1 scale)^2) on every coordinate, scales as in priorMetric. */
function jitter(target: NavcastTarget, q: Float64Array, rng: RandomSource): Float64Array {
  const out = Float64Array.from(q);
  target.globalScales.forEach((sd, k) => (out[k] += 0.1 * sd * rng.normal()));
  const nGlobal = target.globals.length;
  for (let i = nGlobal; i < out.length; i++) out[i] += 0.1 * target.shockScales[i - nGlobal] * rng.normal();
  return out;
}

/** A feasible, jittered naive-path start for a chain of the first window (up to 20 jitters, then none). */
export function firstWindowStart(target: NavcastTarget, fund: NavcastFundData, _priors: NavcastPriors, rng: RandomSource): Float64Array {
  const base = naiveInitialPoint(target, fund);
  for (let attempt = 0; attempt < 20; attempt++) {
    const q = jitter(target, base, rng);
    if (Number.isFinite(target.logDensity(q))) return q;
  }
  return base;
}

/**
 * Plain shocks for weeks from+1..to continuing the value path of `point` (V at week `from`):
 * e = 0 (the model's drift) unless a distribution would exceed 90% of the pre-distribution
 * value, in which case the return is raised so that it is 60% (as the naive initialisation).
 */
function continueShocks(fund: NavcastFundData, point: NavcastPoint, vFrom: number, from: number, to: number): number[] {
  const shocks: number[] = [];
  let v = vFrom;
  for (let t = from + 1; t <= to; t++) {
    const mean = point.alpha + point.beta * (fund.rm[t] as number);
    const sd = point.F * Math.sqrt(fund.h[t] as number);
    let e = 0;
    let vm = v * Math.exp(mean) + fund.C[t];
    if (fund.D[t] > 0 && !fund.terminal[t] && fund.D[t] > 0.9 * vm) {
      e = (Math.log((fund.D[t] / 0.6 - fund.C[t]) / v) - mean) / sd;
      vm = v * Math.exp(mean + sd * e) + fund.C[t];
    }
    shocks.push(e);
    v = fund.terminal[t] ? 0 : vm - fund.D[t];
  }
  return shocks;
}

/**
 * Start of a chain in `target` from its last draw `q` in `previous` (an earlier window of the
 * same fund and priors). Falls back to the naive path with the draw's parameters, then with the
 * prior centres, if the continuation is infeasible.
 */
export function warmStart(previous: NavcastTarget, q: Float64Array, target: NavcastTarget, fund: NavcastFundData): Float64Array {
  const point = previous.unpack(q);
  const from = previous.window.tEnd;
  const vFrom = previous.valuePath(q).V[from];
  const extra = target.window.tEnd > from && vFrom > 0 ? continueShocks(fund, point, vFrom, from, target.window.tEnd) : [];
  const shocks = Float64Array.from([...point.shocks.subarray(0, target.window.tEnd), ...extra]);
  if (shocks.length === target.window.tEnd) {
    const start = target.pack({ ...point, shocks });
    if (Number.isFinite(target.logDensity(start))) return start;
  }
  const { shocks: _, ...params } = point;
  const naive = naiveInitialPoint(target, fund, params);
  return Number.isFinite(target.logDensity(naive)) ? naive : naiveInitialPoint(target, fund);
}

/**
 * The previous window's adapted inverse metric, extended for the new weeks' coordinates of
 * `target` with the squares of their target.shockScales (as a first window starts them).
 */
export function extendMetric(inverseMetric: Float64Array, target: NavcastTarget): Float64Array {
  const out = new Float64Array(target.dim);
  const nGlobal = target.globals.length;
  target.shockScales.forEach((sd, i) => (out[nGlobal + i] = sd * sd));
  out.set(inverseMetric.subarray(0, Math.min(target.dim, inverseMetric.length)));
  return out;
}
