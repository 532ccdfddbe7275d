import { NavcastModelError } from './errors.js';
import { DEFAULT_PRICE_SOURCE, fundDataIssues, liquidationWeek, type NavcastFundData } from './fundData.js';

/** Week flags of a window (bit set). */
export const HAS_RC = 1;
export const HAS_D = 2;
export const TERMINAL = 4;
export const HAS_NAV = 8;
export const HAS_SEC = 16;
/** C[t] > 0 or D[t] > 0: the week's smoothing weight lambda_t differs from lambda. */
export const HAS_FLOW = 32;
/**
 * A non-terminal distribution week with D[t] >= C[t] whose coordinate, in the anchored
 * parameterisation, is the standardised change of log V (see anchoring.ts).
 */
export const ANCHOR = 64;

/** 0.5 log(2 pi). */
export const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The data one window (as-of week tau) sees, as flat arrays indexed by week 0..tEnd, with the
 * information masks of docs/navcast-model.md (b.5) folded into `flags`.
 */
export interface NavcastWindow {
  readonly tau: number;
  /** Last modelled week: min(tau, liquidation week); also the number of latent shocks. */
  readonly tEnd: number;
  /** V_0 = C[0] - D[0]. */
  readonly v0: number;
  readonly rm: Float64Array;
  /** sqrt(h[t]) and its reciprocal. */
  readonly s: Float64Array;
  readonly invS: Float64Array;
  readonly C: Float64Array;
  readonly D: Float64Array;
  readonly logD: Float64Array;
  /** Comparable return (NaN where missing). */
  readonly rc: Float64Array;
  /** min(t/52, 12): fund age in years for the distribution intensity. */
  readonly age: Float64Array;
  /** log of the reported NAV at value weeks whose NAV is published by tau. */
  readonly logNav: Float64Array;
  /** log price at price weeks and its source index. */
  readonly logSec: Float64Array;
  readonly secSource: Int32Array;
  readonly flags: Uint8Array;
  /** Number of weeks with an observed comparable return. */
  readonly nRc: number;
  /**
   * Sum of every parameter-free term of the log likelihood: -0.5 log 2pi per shock and per
   * observation, -log sqrt(h_t) per comparable term, -log y per distribution, NAV and price
   * (the Jacobians that make each term a density of the observed amount).
   * `navLevelDensity` drops -log NAV: the truncated normal is a density of the level itself.
   */
  readonly dataConstant: number;
}

/** Settings that change which data constants a window carries. */
export interface WindowSettings {
  readonly priceSources: readonly string[];
  readonly sigmaTerm: number;
  readonly navLevelDensity: boolean;
  /** Mark distribution weeks as ANCHOR (the anchored parameterisation). */
  readonly anchored: boolean;
}

/** Builds the window ending at week tau; throws NavcastModelError when the data cannot be modelled. */
export function prepareWindow(fund: NavcastFundData, tau: number, settings: WindowSettings): NavcastWindow {
  const issues = fundDataIssues(fund, tau);
  if (issues.length > 0) throw new NavcastModelError('NAVCAST_DATA_INVALID', issues);
  const tLiq = liquidationWeek(fund);
  const tEnd = Math.min(tau, tLiq);
  const n = tEnd + 1;
  const w = {
    rm: new Float64Array(n),
    s: new Float64Array(n),
    invS: new Float64Array(n),
    C: new Float64Array(n),
    D: new Float64Array(n),
    logD: new Float64Array(n),
    rc: new Float64Array(n).fill(NaN),
    age: new Float64Array(n),
    logNav: new Float64Array(n),
    logSec: new Float64Array(n),
    secSource: new Int32Array(n).fill(-1),
    flags: new Uint8Array(n),
  };
  let constant = -tEnd * HALF_LOG_2PI;
  let nRc = 0;
  for (let t = 0; t <= tEnd; t++) {
    w.C[t] = fund.C[t];
    w.D[t] = fund.D[t];
    if (t === 0) continue;
    let flags = 0;
    w.rm[t] = fund.rm[t] as number;
    w.s[t] = Math.sqrt(fund.h[t] as number);
    w.invS[t] = 1 / w.s[t];
    w.age[t] = Math.min(t / 52, 12);
    if (fund.C[t] > 0 || fund.D[t] > 0) flags |= HAS_FLOW;
    const rc = fund.rc[t];
    if (rc !== null) {
      w.rc[t] = rc;
      flags |= HAS_RC;
      nRc++;
      constant -= Math.log(w.s[t]) + HALF_LOG_2PI;
    }
    if (fund.D[t] > 0) {
      w.logD[t] = Math.log(fund.D[t]);
      flags |= t === tLiq ? TERMINAL : HAS_D;
      if (settings.anchored && t !== tLiq && fund.D[t] >= fund.C[t]) flags |= ANCHOR;
      constant -= HALF_LOG_2PI + w.logD[t] + (t === tLiq ? Math.log(settings.sigmaTerm) : 0);
    }
    const nav = fund.nav[t];
    if (nav !== null && fund.navPub[t] <= tau && t < tLiq) {
      w.logNav[t] = Math.log(nav);
      flags |= HAS_NAV;
      constant -= HALF_LOG_2PI + (settings.navLevelDensity ? 0 : w.logNav[t]);
    }
    const price = fund.sec[t];
    if (price !== null && t < tLiq) {
      const source = settings.priceSources.indexOf(fund.secSource?.[t] ?? DEFAULT_PRICE_SOURCE);
      if (source < 0) throw new NavcastModelError('NAVCAST_OPTIONS_INVALID', [`price source of week ${t} is not among the modelled sources`]);
      w.logSec[t] = Math.log(price);
      w.secSource[t] = source;
      flags |= HAS_SEC;
      constant -= HALF_LOG_2PI + w.logSec[t];
    }
    w.flags[t] = flags;
  }
  return { tau, tEnd, v0: fund.C[0] - fund.D[0], ...w, nRc, dataConstant: constant };
}
