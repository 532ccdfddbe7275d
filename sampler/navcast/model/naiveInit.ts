/**
 * The naive nowcast and the naive-path initialisation of docs/navcast-model.md (b.8): a value path
 * from comparable-asset interpolation between published NAVs, and shocks whose model path
 * follows it while keeping every distribution below 90% of the pre-distribution value.
 */
import { lastWeek, liquidationWeek, type NavcastFundData } from './fundData.js';
import type { NavcastParameters } from './parameters.js';
import type { NavcastTarget } from './target.js';

/** Lower bound of a naive-path value, as a fraction of the week's flows (keeps the path > 0). */
const FLOOR_FRACTION = 0.02;
/** Clamp of an initial shock, in standard deviations. */
const SHOCK_CLAMP = 6;

/**
 * Naive nowcast V^_0..V^_tau: between consecutive NAVs published by tau (and V_0 first), roll
 * the value forward with the comparable's return (market where missing) and the cash flows, plus
 * a constant weekly drift that lands on the next NAV; after the last NAV, roll forward with no drift.
 */
export function naiveNowcast(fund: NavcastFundData, tau: number): Float64Array {
  const path = new Float64Array(tau + 1);
  const growth = (t: number) => fund.rc[t] ?? fund.rm[t] ?? 0;
  const roll = (v0: number, t0: number, t1: number, drift: number) => {
    let value = v0;
    for (let t = t0 + 1; t <= t1; t++) {
      value = value * Math.exp(growth(t) + drift) + fund.C[t] - fund.D[t];
      value = Math.max(value, FLOOR_FRACTION * (fund.C[t] + fund.D[t] + 1e-3));
      path[t] = value;
    }
    return value;
  };
  path[0] = fund.C[0] - fund.D[0];
  let t0 = 0;
  for (let t1 = 1; t1 <= tau; t1++) {
    const nav = fund.nav[t1];
    if (nav === null || !(nav > 0) || fund.navPub[t1] > tau) continue;
    const end = roll(path[t0], t0, t1, 0);
    roll(path[t0], t0, t1, Math.log(nav / end) / (t1 - t0));
    path[t1] = nav;
    t0 = t1;
  }
  roll(path[t0], t0, tau, 0);
  return path;
}

/**
 * Plain shocks e_1..e_tEnd (tEnd = min(tau, liquidation week)) whose model path follows the naive
 * nowcast under (alpha, beta, F): e_t = clamp((log((V^_t + D_t - C_t)/V_{t-1}) - alpha - beta rm_t)/(F s_t), +-6);
 * where a distribution would exceed 90% of Vm_t, the return is raised so that it is 60% of Vm_t.
 */
export function naiveShocks(fund: NavcastFundData, tau: number, p: Pick<NavcastParameters, 'alpha' | 'beta' | 'F'>): Float64Array {
  const tEnd = Math.min(tau, liquidationWeek(fund), lastWeek(fund));
  const naive = naiveNowcast(fund, tau);
  const shocks = new Float64Array(tEnd);
  let v = fund.C[0] - fund.D[0];
  for (let t = 1; t <= tEnd; t++) {
    const sd = p.F * Math.sqrt(fund.h[t] as number);
    const mean = p.alpha + p.beta * (fund.rm[t] as number);
    const target = naive[t] + fund.D[t] - fund.C[t];
    const wanted = target > 0 ? Math.log(target / v) : mean;
    let e = Math.max(-SHOCK_CLAMP, Math.min(SHOCK_CLAMP, (wanted - mean) / sd));
    let vm = v * Math.exp(mean + sd * e) + fund.C[t];
    if (fund.D[t] > 0 && !fund.terminal[t] && fund.D[t] > 0.9 * vm) {
      e = (Math.log((fund.D[t] / 0.6 - fund.C[t]) / v) - mean) / sd;
      vm = v * Math.exp(mean + sd * e) + fund.C[t];
    }
    shocks[t - 1] = e;
    v = fund.terminal[t] ? 0 : vm - fund.D[t];
  }
  return shocks;
}

/**
 * Starting point of a chain (b.8): globals from `params` (default: the prior centres), shocks
 * from the naive path, converted to z when the target is whitened.
 */
export function naiveInitialPoint(target: NavcastTarget, fund: NavcastFundData, params?: NavcastParameters): Float64Array {
  const p = params ?? target.priorCentre();
  return target.pack({ ...p, shocks: naiveShocks(fund, target.window.tau, p) });
}
