/**
 * Predictive of the next reported NAV of a window (docs/navcast-model.md b.10, d.1) with common
 * random numbers: draw s always reads Z[seed, stream, s, week], so two windows differ only
 * through their posteriors.
 */
import type { NavcastFundData, NavcastPoint } from '../model/index.js';
import { crnNormal } from '../model/streams.js';

/** What the predictive of one window needs beyond a draw. */
export interface NextNavContext {
  readonly fund: NavcastFundData;
  readonly tau: number;
  readonly tEnd: number;
  /** Value week of the next NAV not yet published by tau, or null when none is expected. */
  readonly nextWeek: number | null;
  /** Mean and sd of the weekly market return over weeks 1..tau (simulated beyond tau). */
  readonly marketMean: number;
  readonly marketSd: number;
  readonly seed: number;
}

/** Value week of the next NAV: the first quarter end after the last NAV published by tau, if the fund is still alive at tau. */
export function nextNavWeek(fund: NavcastFundData, tau: number, tEnd: number, quarterEnds: readonly number[]): number | null {
  if (tEnd < tau) return null;
  let lastPublished = 0;
  fund.nav.forEach((v, t) => {
    if (v !== null && fund.navPub[t] <= tau) lastPublished = Math.max(lastPublished, t);
  });
  return quarterEnds.find((q) => q > lastPublished) ?? null;
}

/**
 * log of the next reported NAV for draw `s` (commitment units): log V_q + B_q + sigma_n Z_nav
 * where V and B at q <= tau come from the draw's path; beyond tau the path is continued with
 * Z_shock shocks, simulated market returns (Z_market), h held at its last value, no cash flows.
 */
export function nextNavLog(ctx: NextNavContext, point: NavcastPoint, V: Float64Array, B: Float64Array, s: number): number {
  const q = ctx.nextWeek;
  if (q === null) return Number.NaN;
  let v: number, b: number;
  if (q <= ctx.tEnd) {
    v = V[q];
    b = B[q];
  } else {
    v = V[ctx.tEnd];
    b = B[ctx.tEnd];
    const sd = point.F * Math.sqrt(ctx.fund.h[ctx.tEnd] as number);
    for (let t = ctx.tEnd + 1; t <= q; t++) {
      const rm = ctx.marketMean + ctx.marketSd * crnNormal(ctx.seed, 'market', s, t);
      const r = point.alpha + point.beta * rm + sd * crnNormal(ctx.seed, 'shock', s, t);
      v *= Math.exp(r);
      b = point.lambda * (b - r);
    }
  }
  return Math.log(v) + b + point.sigmaN * crnNormal(ctx.seed, 'nav', s, q);
}
