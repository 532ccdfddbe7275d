/**
 * The state path of one point (docs/navcast-model.md b.3): the fund value V_t after the week's flows
 * and the log appraisal bias B_t, for the outputs (nowcast, revised history, NAV predictive).
 * A plain restatement of the recursion the kernel runs, without likelihood terms.
 */
import type { NavcastParameters } from './parameters.js';
import { HAS_FLOW, TERMINAL, type NavcastWindow } from './window.js';

/** V_0..V_tEnd and B_0..B_tEnd; V = 0 in the liquidating week; entries after an infeasible week (V_t <= 0) are NaN. */
export interface ValuePath {
  readonly V: Float64Array;
  readonly B: Float64Array;
}

/** Runs the recursion of b.3 for natural-scale parameters and plain shocks e_1..e_tEnd. */
export function valuePath(win: NavcastWindow, p: NavcastParameters, shocks: Float64Array, appraisalLag: number): ValuePath {
  const n = win.tEnd;
  const V = new Float64Array(n + 1).fill(NaN);
  const B = new Float64Array(n + 1).fill(NaN);
  const R = new Float64Array(n + 1);
  V[0] = win.v0;
  B[0] = 0;
  for (let t = 1; t <= n; t++) {
    const r = p.alpha + p.beta * win.rm[t] + p.F * win.s[t] * shocks[t - 1];
    R[t] = R[t - 1] + r;
    const vm = V[t - 1] * Math.exp(r) + win.C[t];
    let lambdaT = 0;
    if (win.flags[t] & TERMINAL) {
      V[t] = 0;
    } else {
      V[t] = vm - win.D[t];
      if (!(V[t] > 0)) return { V, B };
      const w = win.flags[t] & HAS_FLOW ? win.C[t] / V[t] + win.D[t] / vm : 0;
      lambdaT = p.lambda * (1 - Math.min(1, w));
    }
    // B_t = rbar_t - R_t with rbar_t = lambda_t rbar_{t-1} + (1 - lambda_t) R_{t-k}
    const unseen = R[t] - R[Math.max(0, t - appraisalLag)];
    B[t] = lambdaT * (B[t - 1] - r) - (1 - lambdaT) * unseen;
  }
  return { V, B };
}
