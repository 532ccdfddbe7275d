/**
 * NAV-whitened shocks: one coordinate per published NAV is the NAV's own standardised
 * direction instead of a weekly shock, so that a small sigma_n no longer narrows the posterior
 * of the shocks (the funnel of the model README's "Known limitation").
 *
 * For the NAV of week t_k the pivot is the first week j of its segment (after the previous NAV
 * week) from which no flow, anchor or liquidation happens up to t_k. Over j..t_k the state moves
 * linearly (lambda_t = lambda, log V_t = log V_{t-1} + r_t), so the NAV's mean is exactly
 *   mu_k = P + g z_j,   P = log V_{j-1} + lambda^n B_{j-1} + sum_{i=j..t_k} c_i (a + beta rm_i)
 *                          + sum_{i=j+1..t_k} c_i F s_i e_i + c_j F s_j mu0_j,
 *   g = c_j F s_j sigma0_j,   c_i = 1 - lambda^{t_k - i + 1},   n = t_k - j + 1,
 * where e_j = mu0_j + sigma0_j z_j is the pivot week's shock in terms of its N(0, 1) coordinate z_j
 * (mu0, sigma0 = the comparable's conditional mean and scale when whitened and rc_j is observed,
 * else 0 and 1). The coordinate zeta_k replaces z_j through z_j's conditional given the NAV:
 *   z_j = g (y_k - P) / D + (sigma_n / sqrt D) zeta_k,   D = sigma_n^2 + g^2,
 * and the density gains log(sigma_n / sqrt D). P depends on earlier coordinates (through the
 * state) and on later ones of the segment, not on z_j, so the map is a bijection with that
 * Jacobian: the posterior is unchanged. As sigma_n shrinks, z_j follows the NAV and zeta_k keeps
 * a unit scale. NAVs whose week has a flow have no pivot and keep their plain geometry.
 */
import type { NavcastParameters } from './parameters.js';
import { valuePath } from './valuePath.js';
import { ANCHOR, HAS_FLOW, HAS_NAV, HAS_RC, TERMINAL, type NavcastWindow } from './window.js';

/** Flag bit of a pivot week in the kernel's copy of the window flags (window.ts uses 1..64). */
export const PIVOT = 128;

/** The pivots of a window and what the kernel keeps of each between its two scans. */
export interface NavPivots {
  readonly count: number;
  /** Pivot week j_k. */
  readonly week: Int32Array;
  /** NAV week t_k. */
  readonly nav: Int32Array;
  /** k at a pivot week, -1 elsewhere (index = week). */
  readonly at: Int32Array;
  /** The window's flags with PIVOT set at pivot weeks. */
  readonly flags: Uint8Array;
}

/** Finds the pivot of every NAV in the window whose segment ends in a stretch without flows. */
export function findNavPivots(win: NavcastWindow): NavPivots {
  const weeks: number[] = [];
  const navs: number[] = [];
  const at = new Int32Array(win.tEnd + 1).fill(-1);
  const flags = Uint8Array.from(win.flags);
  let segmentStart = 1;
  for (let t = 1; t <= win.tEnd; t++) {
    if (!(win.flags[t] & HAS_NAV)) continue;
    let j = segmentStart;
    for (let i = segmentStart; i <= t; i++) if (win.flags[i] & (HAS_FLOW | ANCHOR | TERMINAL)) j = i + 1;
    if (j <= t) {
      at[j] = weeks.length;
      flags[j] |= PIVOT;
      weeks.push(j);
      navs.push(t);
    }
    segmentStart = t + 1;
  }
  return { count: weeks.length, week: Int32Array.from(weeks), nav: Int32Array.from(navs), at, flags };
}

/** The globals a pivot needs, as the kernel computed them for this evaluation. */
export interface PivotGlobals {
  a: number;
  beta: number;
  F: number;
  lam: number;
  sigmaN: number;
  whitened: boolean;
  alphaC: number;
  betaCM: number;
  betaCF: number;
  invV: number;
  zScale: number;
}

/** Per-pivot values of the forward scan that the reverse scan reads, and the reverse scan's sums. */
export class PivotScratch {
  readonly r: Float64Array;
  readonly g: Float64Array;
  readonly d: Float64Array;
  readonly lamPowN: Float64Array;
  readonly dPdLam: Float64Array;
  readonly dgdLam: Float64Array;
  readonly sumC: Float64Array;
  readonly sumCRm: Float64Array;
  readonly fSum: Float64Array;
  /** z_j at each pivot week of the last evaluation (index = week), for mapping q to plain coordinates. */
  readonly z: Float64Array;
  /** Reverse-scan adjoints to add to the kernel's own: a, beta, log F, lambda, log sigma_n, then the whitening sums sumGY, sumGZ, sumGyS, sumGySRm, then log V_{j-1}, B_{j-1}. */
  readonly adjoint = new Float64Array(12);

  constructor(count: number, weeks: number) {
    const per = () => new Float64Array(count);
    this.z = new Float64Array(weeks + 1);
    this.r = per();
    this.g = per();
    this.d = per();
    this.lamPowN = per();
    this.dPdLam = per();
    this.dgdLam = per();
    this.sumC = per();
    this.sumCRm = per();
    this.fSum = per();
  }
}

/** Indices into PivotScratch.adjoint. */
export const ADJ = { a: 0, beta: 1, logF: 2, lam: 3, logSigmaN: 4, sumGY: 5, sumGZ: 6, sumGyS: 7, sumGySRm: 8, logV: 9, b: 10 } as const;

/** The comparable's conditional mean and scale of week i's shock (0 and 1 without whitening or rc_i). */
function shockPrior(win: NavcastWindow, i: number, g: PivotGlobals): [mean: number, scale: number] {
  if (!g.whitened || !(win.flags[i] & HAS_RC)) return [0, 1];
  return [g.betaCF * (win.rc[i] - g.alphaC - g.betaCM * win.rm[i]) * win.invS[i] * g.invV, g.zScale];
}

/**
 * Forward scan at pivot k: z_j from the coordinate zeta_k = q[off + j - 1], the state before
 * week j and the segment's later coordinates. Returns z_j; the log Jacobian is
 * log(sigma_n) - log(D) / 2 with D = scratch.d[k].
 */
export function pivotShock(k: number, p: NavPivots, win: NavcastWindow, g: PivotGlobals, q: Float64Array, off: number, logVPrev: number, bPrev: number, scratch: PivotScratch): number {
  const { flags, rc, rm, invS, s } = win;
  const { a, beta, F, lam, whitened, alphaC, betaCM, betaCF, invV, zScale } = g;
  const hasRc = whitened ? HAS_RC : 0; // a local: an imported binding can cost a getter call per read
  const shift = betaCF * invV; // e = shift * y + zScale z where rc is observed and whitened
  const j = p.week[k],
    tk = p.nav[k];
  let pwPrev = 1,
    pw = lam; // lambda^(m-1), lambda^m for week i = tk - m + 1
  let sum = 0,
    dPdLam = 0,
    sumC = 0,
    sumCRm = 0,
    fSum = 0;
  // The segment's later weeks, whose shocks are coordinates.
  for (let i = tk; i > j; i--) {
    const c = 1 - pw,
      dc = (i - tk - 1) * pwPrev;
    const rmi = rm[i];
    const shock = flags[i] & hasRc ? shift * (rc[i] - alphaC - betaCM * rmi) * invS[i] + zScale * q[off + i - 1] : q[off + i - 1];
    const fe = F * s[i] * shock;
    const x = a + beta * rmi + fe;
    sum += c * x;
    dPdLam += dc * x;
    sumC += c;
    sumCRm += c * rmi;
    fSum += c * fe;
    pwPrev = pw;
    pw *= lam;
  }
  // The pivot week at z_j = 0: its shock is the comparable's conditional mean mu0_j.
  const white = (flags[j] & hasRc) !== 0;
  const sigma0 = white ? zScale : 1;
  const cj = 1 - pw,
    dcj = (j - tk - 1) * pwPrev;
  const feJ = white ? F * s[j] * shift * (rc[j] - alphaC - betaCM * rm[j]) * invS[j] : 0;
  const xJ = a + beta * rm[j] + feJ;
  const n = tk - j + 1;
  const P = logVPrev + pw * bPrev + sum + cj * xJ;
  const gain = cj * F * s[j] * sigma0;
  const d = g.sigmaN * g.sigmaN + gain * gain;
  const r = win.logNav[tk] - P;
  scratch.r[k] = r;
  scratch.g[k] = gain;
  scratch.d[k] = d;
  scratch.lamPowN[k] = pw;
  scratch.dPdLam[k] = dPdLam + dcj * xJ + n * pwPrev * bPrev;
  scratch.dgdLam[k] = dcj * F * s[j] * sigma0;
  scratch.sumC[k] = sumC + cj;
  scratch.sumCRm[k] = sumCRm + cj * rm[j];
  scratch.fSum[k] = fSum + cj * feJ;
  return (gain * r) / d + (g.sigmaN * q[off + j - 1]) / Math.sqrt(d);
}

/**
 * Reverse scan at pivot k, given gz, the adjoint of z_j (all of its uses in the kernel, its
 * N(0, 1) term included). Writes the coordinate's gradient, adds the adjoints of the segment's
 * later coordinates to `grad`, and writes the rest (globals, whitening sums, the state before
 * week j) to scratch.adjoint.
 */
export function pivotAdjoint(k: number, gz: number, p: NavPivots, win: NavcastWindow, g: PivotGlobals, q: Float64Array, off: number, y: Float64Array, grad: Float64Array, scratch: PivotScratch): void {
  const { flags, rm, invS, s } = win;
  const { F, lam, whitened, betaCF, zScale } = g;
  const hasRc = whitened ? HAS_RC : 0;
  const adj = scratch.adjoint;
  const j = p.week[k],
    tk = p.nav[k];
  const r = scratch.r[k],
    gain = scratch.g[k],
    d = scratch.d[k],
    sn = g.sigmaN;
  const zeta = q[off + j - 1];
  const sqrtD = Math.sqrt(d);
  grad[off + j - 1] = (gz * sn) / sqrtD;
  const aP = (-gz * gain) / d; // adjoint of P
  const dzdg = (r * (sn * sn - gain * gain)) / (d * d) - (sn * gain * zeta) / (d * sqrtD);
  const aG = gz * dzdg - gain / d; // adjoint of g, the log Jacobian's part included
  adj[ADJ.logSigmaN] = gz * sn * ((-2 * sn * gain * r) / (d * d) + (zeta * gain * gain) / (d * sqrtD)) + (gain * gain) / d;
  adj[ADJ.logV] = aP;
  adj[ADJ.b] = aP * scratch.lamPowN[k];
  adj[ADJ.a] = aP * scratch.sumC[k];
  adj[ADJ.beta] = aP * scratch.sumCRm[k];
  adj[ADJ.lam] = aP * scratch.dPdLam[k] + aG * scratch.dgdLam[k];
  adj[ADJ.logF] = aP * scratch.fSum[k] + aG * gain;
  // Adjoints of the shocks in P: e_i for the later weeks (coordinates), mu0_j at the pivot.
  let sumGY = 0,
    sumGZ = 0,
    sumGyS = 0,
    sumGySRm = 0;
  const aPF = aP * F;
  let pw = lam;
  for (let i = tk; i > j; i--) {
    const h = aPF * (1 - pw) * s[i];
    if (flags[i] & hasRc) {
      grad[off + i - 1] += h * zScale;
      sumGZ += h * q[off + i - 1];
      sumGY += h * y[i];
      const gy = h * betaCF * invS[i];
      sumGyS += gy;
      sumGySRm += gy * rm[i];
    } else {
      grad[off + i - 1] += h;
    }
    pw *= lam;
  }
  if (flags[j] & hasRc) {
    const h = aPF * (1 - pw) * s[j];
    sumGZ += (aG * gain) / zScale; // g = c_j F s_j zScale: the adjoint of zScale
    sumGY += h * y[j];
    const gy = h * betaCF * invS[j];
    sumGyS += gy;
    sumGySRm += gy * rm[j];
  }
  adj[ADJ.sumGY] = sumGY;
  adj[ADJ.sumGZ] = sumGZ;
  adj[ADJ.sumGyS] = sumGyS;
  adj[ADJ.sumGySRm] = sumGySRm;
}

/** PivotGlobals of natural-scale parameters. */
function pivotGlobalsOf(p: NavcastParameters, whitened: boolean): PivotGlobals {
  const v = p.betaCF * p.betaCF + p.sC * p.sC;
  return {
    a: p.alpha,
    beta: p.beta,
    F: p.F,
    lam: p.lambda,
    sigmaN: p.sigmaN,
    whitened,
    alphaC: p.alphaC,
    betaCM: p.betaCM,
    betaCF: p.betaCF,
    invV: 1 / v,
    zScale: p.sC / Math.sqrt(v),
  };
}

/**
 * The inverse of the kernel's map, computed apart from it: `q` (coordinates without pivots, with
 * parameters `params` and plain shocks `shocks`) with each pivot's z_j replaced by its zeta_k.
 * Each NAV's mean is linear in z_j over its pivot's stretch, so two value paths give P and g.
 */
export function pivotCoordinates(win: NavcastWindow, pivots: NavPivots, params: NavcastParameters, shocks: Float64Array, q: Float64Array, nGlobal: number, whitened: boolean): Float64Array {
  const out = Float64Array.from(q);
  const g = pivotGlobalsOf(params, whitened);
  for (let k = 0; k < pivots.count; k++) {
    const j = pivots.week[k],
      tk = pivots.nav[k];
    const [mean0, scale0] = shockPrior(win, j, g);
    const navMean = (z: number): number => {
      const path = valuePath(
        win,
        params,
        Float64Array.from(shocks, (e, i) => (i === j - 1 ? mean0 + scale0 * z : e)),
        0,
      );
      return Math.log(path.V[tk]) + path.B[tk];
    };
    const intercept = navMean(0);
    const slope = navMean(1) - intercept;
    const d = params.sigmaN * params.sigmaN + slope * slope;
    out[nGlobal + j - 1] = ((q[nGlobal + j - 1] - (slope * (win.logNav[tk] - intercept)) / d) * Math.sqrt(d)) / params.sigmaN;
  }
  return out;
}
