/**
 * The anchored parameterisation of the shocks, and the maps between a point's coordinates and
 * its plain shocks e_t.
 *
 * Why: distributions are data, so after each one the value V_t = Vm_t - D_t is a leveraged
 * residual, and d log V_t / d log Vm_t = Vm_t / V_t. With one coordinate per return (e, or the
 * comp-whitened z), an early shock moves a late log V_t by the product of Vm/V over every
 * distribution in between (170 to 1200 on simulated 10-year buyout funds). Late NAVs and the
 * terminal distribution (sd 0.02 on log Vm) then pin one dense direction of (alpha, beta, every
 * shock) to a width no diagonal metric follows: NUTS step sizes fall from 1e-2 (tau = 200) to
 * 1e-4 (tau = 519, 520).
 *
 * At an anchor week (a non-terminal distribution with D_t >= C_t) the coordinate is instead the
 * logit of the distributed fraction, l_t = logit(D_t / Vm_t) = log D_t - log V_t, centred and
 * scaled by constants: l_t = lBar_t + sBar zeta_t (lBar_t = logit delta~_t and sBar = sigma_d at
 * the prior centres). The value after the distribution is then read off the data,
 * V_t = D_t e^{-l_t}, and the week's return is what it implies,
 * r_t = log(V_t + D_t - C_t) - log V_{t-1}. No shock reaches past the next distribution, so the
 * amplification is gone. The map from the coordinates to the plain shocks is triangular in time,
 * so the density gains sum over anchor weeks of log |dz_t / dzeta_t|
 * = log sBar + log V_t - log(V_t + D_t - C_t) - log(F s_t c_t), c_t the whitening scale.
 */
import { G } from './parameters.js';
import { ANCHOR, HAS_RC, TERMINAL, type NavcastWindow } from './window.js';

/** Constants of the anchored coordinates of one window. */
export interface AnchorScale {
  /** lBar_t = logit delta~_t at the prior centre of delta (anchor weeks; 0 elsewhere). */
  readonly lBar: Float64Array;
  /** sBar: sigma_d at the prior centre. */
  readonly sBar: number;
  /** Sum over anchor weeks of log sBar - log s_t (the parameter-free part of the log Jacobian). */
  readonly constant: number;
  /**
   * Rough posterior scale of each coordinate (index t - 1): 1 for a shock, F s_t / sBar for zeta_t
   * (one week's return moves l_t by about F s_t). A first window's initial metric.
   */
  readonly coordinateScale: Float64Array;
}

/** Centres of the anchor constants (natural scale): distribution intensity, its noise, and F. */
export interface AnchorCentres {
  readonly delta: number;
  readonly sigmaD: number;
  readonly F: number;
}

/** Anchor constants of `win`; `anchored` false gives the identity (no anchor week is flagged then). */
export function anchorScale(win: NavcastWindow, centres: AnchorCentres, delta0: number): AnchorScale {
  const lBar = new Float64Array(win.tEnd + 1);
  const coordinateScale = new Float64Array(win.tEnd).fill(1);
  let constant = 0;
  for (let t = 1; t <= win.tEnd; t++) {
    if (!(win.flags[t] & ANCHOR)) continue;
    const dl = Math.min(0.99, Math.max(1e-6, delta0 + centres.delta * win.age[t]));
    lBar[t] = Math.log(dl) - Math.log1p(-dl);
    constant += Math.log(centres.sigmaD) - Math.log(win.s[t]);
    coordinateScale[t - 1] = Math.min(1, (centres.F * win.s[t]) / centres.sigmaD);
  }
  return { lBar, sBar: centres.sigmaD, constant, coordinateScale };
}

/** Whitening map of week t: e = shift + scale * z (identity where rc is missing or not whitened). */
export function whitening(win: NavcastWindow, whitened: boolean, u: Float64Array, t: number): [number, number] {
  if (!whitened || !(win.flags[t] & HAS_RC)) return [0, 1];
  const betaCF = u[G.betaCF],
    sC = Math.exp(u[G.logSc]);
  const v = betaCF * betaCF + sC * sC;
  const y = (win.rc[t] - u[G.alphaC] - u[G.betaCM] * win.rm[t]) / win.s[t];
  return [(betaCF * y) / v, sC / Math.sqrt(v)];
}

/** Plain shocks e_1..e_tEnd of the coordinates `z` (z_t, or zeta_t at anchor weeks) for global u values `u`. */
export function shocksOfCoordinates(win: NavcastWindow, whitened: boolean, anchors: AnchorScale, u: Float64Array, z: ArrayLike<number>): Float64Array {
  const shocks = new Float64Array(win.tEnd);
  const a = u[G.alpha],
    beta = u[G.beta],
    F = Math.exp(u[G.logF]);
  let v = win.v0;
  for (let t = 1; t <= win.tEnd; t++) {
    const mu = a + beta * win.rm[t],
      fs = F * win.s[t];
    if (win.flags[t] & ANCHOR) {
      const vt = win.D[t] * Math.exp(-(anchors.lBar[t] + anchors.sBar * z[t - 1]));
      shocks[t - 1] = (Math.log(vt + win.D[t] - win.C[t]) - Math.log(v) - mu) / fs;
      v = vt;
    } else {
      const [shift, scale] = whitening(win, whitened, u, t);
      const e = shift + scale * z[t - 1];
      shocks[t - 1] = e;
      v = win.flags[t] & TERMINAL ? 0 : v * Math.exp(mu + fs * e) + win.C[t] - win.D[t];
    }
  }
  return shocks;
}

/**
 * Coordinates z_1..z_tEnd (zeta_t at anchor weeks) of plain shocks `shocks`; an anchor week whose
 * value V_t = V_{t-1} e^{r_t} + C_t - D_t is not positive gets NaN (no coordinate reaches it).
 */
export function coordinatesOfShocks(win: NavcastWindow, whitened: boolean, anchors: AnchorScale, u: Float64Array, shocks: ArrayLike<number>): Float64Array {
  const z = new Float64Array(win.tEnd);
  const a = u[G.alpha],
    beta = u[G.beta],
    F = Math.exp(u[G.logF]);
  let v = win.v0;
  for (let t = 1; t <= win.tEnd; t++) {
    const vNext = win.flags[t] & TERMINAL ? 0 : v * Math.exp(a + beta * win.rm[t] + F * win.s[t] * shocks[t - 1]) + win.C[t] - win.D[t];
    if (win.flags[t] & ANCHOR) {
      z[t - 1] = vNext > 0 ? (Math.log(win.D[t]) - Math.log(vNext) - anchors.lBar[t]) / anchors.sBar : NaN;
    } else {
      const [shift, scale] = whitening(win, whitened, u, t);
      z[t - 1] = (shocks[t - 1] - shift) / scale;
    }
    v = vNext;
  }
  return z;
}
