/**
 * The NAVcast log posterior of docs/navcast-model.md (b.3-b.8) on the unconstrained scale and its
 * gradient. One forward scan over the weeks evaluates every term and stores, per week, the
 * partial derivatives of that week's observation terms in (log V_t, Vm_t, B_t); one reverse scan
 * carries the adjoints of the state (log V, B) back to the shocks and the globals. The state is
 * log V: a week without flows adds r_t to it (no exp, no log; V is formed only in the ~5% of
 * weeks with a call or a distribution). All buffers are allocated once per window; an
 * evaluation allocates nothing. With NAV pivots (navPivots.ts), a pivot week's coordinate is
 * mapped to its N(0, 1) shock coordinate before the week is processed, and its adjoint is mapped
 * back after the week's reverse step.
 */
import type { AnchorScale } from './anchoring.js';
import { truncatedNavTerm } from './truncatedNav.js';
import { G, readGlobals, standardisingLogJacobian, type GlobalLayout } from './parameters.js';
import { ADJ, pivotAdjoint, pivotShock, PIVOT, type NavPivots, type PivotGlobals, type PivotScratch } from './navPivots.js';
import { logPriorAndGradient, type CompiledPriors } from './priors.js';
import { ANCHOR, HAS_D, HAS_FLOW, HAS_NAV, HAS_RC, HAS_SEC, TERMINAL, type NavcastWindow } from './window.js';

/** Model switches fixed for the life of a kernel. */
export interface KernelSettings {
  /** Comp-whitened shocks z (b.8) instead of plain e. */
  readonly whitened: boolean;
  /** Appraisal lag k >= 0 in weeks (e-2): rbar_t = lambda_t rbar_{t-1} + (1 - lambda_t) R_{t-k}. */
  readonly appraisalLag: number;
  /** Truncated normal on the NAV level (sd sigma_n * mean) between these bounds, or null for log-normal. */
  readonly navBounds: { readonly lower: number; readonly upper: number } | null;
  readonly sigmaTerm: number;
  readonly delta0: number;
}

/** Evaluates log p(q) (and writes its gradient into `grad` unless it is null). */
export type NavcastKernel = (q: Float64Array, grad: Float64Array | null) => number;

/** Builds the kernel of one window; `layout.sampled.length + win.tEnd` is the dimension. */
export function createKernel(
  win: NavcastWindow,
  layout: GlobalLayout,
  priors: CompiledPriors,
  settings: KernelSettings,
  anchors: AnchorScale,
  navWhitening: { readonly pivots: NavPivots; readonly scratch: PivotScratch } | null = null,
): NavcastKernel {
  const { tEnd: n, v0, nRc } = win;
  const { whitened, appraisalLag: lag, navBounds, delta0 } = settings;
  const invSigmaTerm = 1 / settings.sigmaTerm;
  const nPrice = layout.priceSources.length;
  const off = layout.sampled.length;
  const { qIndex, qScale } = layout;
  const constant = win.dataConstant + priors.constant + anchors.constant + standardisingLogJacobian(layout);
  const { lBar, sBar } = anchors;
  const u = new Float64Array(layout.names.length);
  const gu = new Float64Array(layout.names.length);
  const kappa = new Float64Array(nPrice);
  const sigmaS = new Float64Array(nPrice);
  const navPartials = new Float64Array(2);
  /** log of the largest double: a value path beyond it overflows (rejected as before). */
  const MAX_LOG = Math.log(Number.MAX_VALUE);
  const pivots = navWhitening?.pivots ?? null;
  const pivotScratch = navWhitening?.scratch ?? null;
  const kernelFlags = pivots?.flags ?? win.flags;
  const pg: PivotGlobals = { a: 0, beta: 0, F: 0, lam: 0, sigmaN: 0, whitened, alphaC: 0, betaCM: 0, betaCF: 0, invV: 0, zScale: 0 };
  const week = () => new Float64Array(n + 1);
  const buffers = {
    e: week(),
    geL1: week(),
    y: week(),
    grown: week(),
    vmA: week(),
    vA: week(),
    wA: week(),
    lamA: week(),
    dBdLam: week(),
    gLLoc: week(),
    gVmLoc: week(),
    gBLoc: week(),
    rCum: week(),
    gS: week(),
    zAnc: week(),
  };

  function reject(grad: Float64Array | null): number {
    grad?.fill(0);
    return -Infinity;
  }

  return function navcastLogDensity(q: Float64Array, grad: Float64Array | null): number {
    // Locals rather than closure slots, so that the optimiser keeps them in registers.
    const { e, geL1, y, grown, vmA, vA, wA, lamA, dBdLam, gLLoc, gVmLoc, gBLoc, rCum, gS, zAnc } = buffers;
    const { rm, s, invS, C, D, logD, rc, age, logNav, logSec, secSource } = win;
    const flags = kernelFlags;
    const hasRc = HAS_RC,
      hasD = HAS_D,
      hasFlow = HAS_FLOW,
      hasNav = HAS_NAV,
      hasSec = HAS_SEC,
      terminal = TERMINAL,
      anchor = ANCHOR,
      pivotBit = PIVOT;
    const observed = HAS_D | TERMINAL | HAS_NAV | HAS_SEC;
    readGlobals(layout, q, u);
    gu.fill(0);
    const a = u[G.alpha],
      beta = u[G.beta],
      logF = u[G.logF],
      F = Math.exp(logF);
    const lam = 1 / (1 + Math.exp(-u[G.logitLam]));
    const logSigmaN = u[G.logSigmaN],
      invSigmaN = Math.exp(-logSigmaN);
    const delta = Math.exp(u[G.logDelta]);
    const logSigmaD = u[G.logSigmaD],
      invSigmaD = Math.exp(-logSigmaD);
    const alphaC = u[G.alphaC],
      betaCM = u[G.betaCM],
      betaCF = u[G.betaCF];
    const logSc = u[G.logSc],
      sC = Math.exp(logSc),
      invSc = 1 / sC;
    // Whitening (b.8): e = betaCF y / v + (sC / sqrt v) z with y the standardised comp residual.
    const v = betaCF * betaCF + sC * sC,
      invV = 1 / v,
      zScale = sC / Math.sqrt(v),
      logZScale = logSc - 0.5 * Math.log(v);
    for (let j = 0; j < nPrice; j++) {
      kappa[j] = u[G.price + 2 * j];
      sigmaS[j] = Math.exp(u[G.price + 2 * j + 1]);
    }
    let lp = constant + logPriorAndGradient(priors, u, gu);
    if (pivots !== null) {
      pg.a = a;
      pg.beta = beta;
      pg.F = F;
      pg.lam = lam;
      pg.sigmaN = 1 / invSigmaN;
      pg.alphaC = alphaC;
      pg.betaCM = betaCM;
      pg.betaCF = betaCF;
      pg.invV = invV;
      pg.zScale = zScale;
    }

    // Sums over weeks: zz (L0), yy (comp marginal), rr and the rho sums (plain L1).
    let zz = 0,
      yy = 0,
      rr = 0,
      rhoS = 0,
      rhoSRm = 0,
      rhoE = 0;
    let gLogDelta = 0,
      gLogSigmaD = 0,
      gLogSigmaN = 0;
    let logVPrev = Math.log(v0),
      bPrev = 0;
    // Most weeks have a comparable return and nothing else: PLAIN weeks take a short path with the
    // same operations in the same order as the general one (lag 0, so S_t = 0 and lambda_t = lambda).
    const plain = whitened && lag === 0 ? HAS_RC : -1;
    const plainPivot = plain === -1 ? -1 : HAS_RC | PIVOT; // a NAV pivot that is otherwise plain
    for (let t = 1; t <= n; t++) {
      const f = flags[t];
      let zt = q[off + t - 1]; // z_t, psi_t at an anchor week, or zeta_k at a NAV pivot
      if (f & pivotBit) {
        const k = pivots!.at[t];
        zt = pivotShock(k, pivots!, win, pg, q, off, logVPrev, bPrev, pivotScratch!);
        pivotScratch!.z[t] = zt;
        lp += logSigmaN - 0.5 * Math.log(pivotScratch!.d[k]);
      }
      if (f === plain || f === plainPivot) {
        const yt = (rc[t] - alphaC - betaCM * rm[t]) * invS[t];
        y[t] = yt;
        yy += yt * yt;
        const et = betaCF * yt * invV + zScale * zt;
        e[t] = et;
        zz += zt * zt;
        const rt = a + beta * rm[t] + F * s[t] * et;
        const logVt = logVPrev + rt;
        if (!(logVt < MAX_LOG)) return reject(grad);
        dBdLam[t] = bPrev - rt; // lamA[t] is not stored: the reverse scan's plain path uses lambda
        const bt = lam * (bPrev - rt);
        logVPrev = logVt;
        bPrev = bt;
        continue;
      }
      let et = zt; // the shock that moves log V (e_t, or e-bar_t at an anchor week)
      let cw = 1; // d et / d zt
      let yt = 0;
      if (f & hasRc) {
        yt = (rc[t] - alphaC - betaCM * rm[t]) * invS[t];
        if (whitened) {
          y[t] = yt;
          yy += yt * yt;
          et = betaCF * yt * invV + zScale * zt;
          cw = zScale;
          e[t] = et;
        }
      }
      const fs = F * s[t];
      const mu = a + beta * rm[t];
      // log V is carried; V itself is formed only in weeks with flows (no exp or log elsewhere).
      let rt: number,
        vm = 0,
        vt = 0,
        logVt: number,
        eFull = et;
      if (f & anchor) {
        // The coordinate is the logit of the distributed fraction (anchoring.ts): V_t comes from D_t.
        const l = lBar[t] + sBar * zt;
        vt = D[t] * Math.exp(-l);
        logVt = logD[t] - l;
        vm = vt + D[t];
        const wt = vm - C[t];
        if (!(vt > 0 && wt < Infinity)) return reject(grad);
        const logW = Math.log(wt);
        rt = logW - logVPrev;
        eFull = (rt - mu) / fs;
        const zA = (eFull - et + zt * cw) / cw; // (e - shift) / scale: the week's z
        zz += zA * zA;
        lp += logVt - logW - logF - (cw === 1 ? 0 : logZScale);
        zAnc[t] = zA;
        e[t] = eFull;
      } else {
        zz += zt * zt;
        rt = mu + fs * et;
        logVt = logVPrev + rt;
        if (f & hasFlow) {
          const grownT = Math.exp(logVt);
          grown[t] = grownT;
          vm = grownT + C[t];
          if (!(vm > 0 && vm < Infinity)) return reject(grad);
        } else if (!(logVt < MAX_LOG)) {
          return reject(grad);
        }
      }
      if (f & hasRc && !whitened) {
        // L1: rc_t ~ N(alphaC + betaCM rm_t + betaCF s_t e_t, (sC s_t)^2), rho its standardised residual.
        const rho = (yt - betaCF * eFull) * invSc;
        rr += rho * rho;
        rhoS += rho * invS[t];
        rhoSRm += rho * invS[t] * rm[t];
        rhoE += rho * eFull;
        geL1[t] = rho * betaCF * invSc;
      }
      let st = 0; // R_t - R_{t-k}: the returns the appraisal has not seen yet
      if (lag > 0) {
        rCum[t] = rCum[t - 1] + rt;
        st = rCum[t] - rCum[t > lag ? t - lag : 0];
      }
      // Local partials of this week's observation terms in log V_t, Vm_t and B_t.
      let gL = 0,
        gVm = 0,
        gB = 0,
        lt = 0,
        wt = 1;
      if (f & terminal) {
        // L2': the liquidating distribution reveals Vm_t; V_t = 0 and lambda_t = 0.
        const zT = (logD[t] - Math.log(vm)) * invSigmaTerm;
        lp -= 0.5 * zT * zT;
        gVm = (zT * invSigmaTerm) / vm;
      } else if (!(f & hasFlow)) {
        lt = lam;
      } else {
        if (!(f & anchor)) {
          vt = vm - D[t];
          if (!(vt > 0)) return reject(grad);
          logVt = Math.log(vt);
        }
        if (f & hasD) {
          // L2: logit(D/Vm) = log D - log V ~ N(logit delta~_t, sigmaD^2), with the Jacobian Vm/(D V).
          let dl = delta0 + delta * age[t];
          let dLogitDl = 0; // d logit(delta~) / d log(delta); zero where the clamps bind
          if (dl > 0.99) dl = 0.99;
          else if (dl < 1e-6) dl = 1e-6;
          else dLogitDl = (delta * age[t]) / (dl * (1 - dl));
          const logVm = Math.log(vm);
          const zd = (logD[t] - logVt - Math.log(dl) + Math.log1p(-dl)) * invSigmaD;
          lp += -0.5 * zd * zd - logSigmaD + logVm - logVt;
          gLogDelta += zd * invSigmaD * dLogitDl;
          gLogSigmaD += zd * zd - 1;
          gL += zd * invSigmaD - 1;
          gVm += 1 / vm;
        }
        wt = C[t] / vt + D[t] / vm;
        if (wt < 1) lt = lam * (1 - wt);
      }
      const bt = lt * (bPrev - rt) - (1 - lt) * st;
      if (f & hasNav) {
        // L3: the NAV reported for week t measures log V_t + B_t.
        const m = logVt + bt;
        let gm: number;
        if (navBounds === null) {
          const zn = (logNav[t] - m) * invSigmaN;
          lp += -0.5 * zn * zn - logSigmaN;
          gm = zn * invSigmaN;
          gLogSigmaN += zn * zn - 1;
        } else {
          lp += truncatedNavTerm(logNav[t], m, logSigmaN, navBounds.lower, navBounds.upper, navPartials);
          gm = navPartials[0];
          gLogSigmaN += navPartials[1];
        }
        gL += gm;
        gB += gm;
      }
      if (f & hasSec) {
        // L4: log price ~ N(log V_t + kappa_j, sigmaS_j^2).
        const j = secSource[t];
        const zs = (logSec[t] - logVt - kappa[j]) / sigmaS[j];
        lp += -0.5 * zs * zs - Math.log(sigmaS[j]);
        gL += zs / sigmaS[j];
        gu[G.price + 2 * j] += zs / sigmaS[j];
        gu[G.price + 2 * j + 1] += zs * zs - 1;
      }
      // Stored for the reverse scan; the sparse ones are read back only under the same flags.
      lamA[t] = lt;
      dBdLam[t] = bPrev - rt + st;
      if (f & hasFlow) {
        vmA[t] = vm;
        vA[t] = vt;
        wA[t] = wt;
      }
      if (f & observed) {
        gLLoc[t] = gL;
        gVmLoc[t] = gVm;
        gBLoc[t] = gB;
      }
      logVPrev = logVt;
      bPrev = bt;
    }
    lp -= 0.5 * zz;
    lp -= whitened ? 0.5 * yy * invV + 0.5 * nRc * Math.log(v) : 0.5 * rr + nRc * logSc;
    if (!Number.isFinite(lp)) return reject(grad);
    if (grad === null) return lp;

    // Reverse scan: gL, gB are the adjoints of log V_t, B_t; acc sums the lag window's S adjoints.
    let gL = 0,
      gB = 0,
      acc = 0,
      gA = 0,
      gBeta = 0,
      gLogF = 0,
      gLam = 0;
    let sumGY = 0,
      sumGZ = 0,
      sumGyS = 0,
      sumGySRm = 0; // whitening sums
    for (let t = n; t >= 1; t--) {
      const f = flags[t];
      // One of two paths per week; both end with the adjoints of log V_{t-1}, B_{t-1} in gL, gB.
      week: {
        if (f === plain || f === plainPivot) {
          const zt = f === plain ? q[off + t - 1] : pivotScratch!.z[t];
          gLam += gB * dBdLam[t];
          const gr = gL - gB * lam;
          gA += gr;
          gBeta += gr * rm[t];
          const gEt = gr * (F * s[t]);
          gLogF += gEt * e[t];
          const yt = y[t];
          sumGY += gEt * yt;
          sumGZ += gEt * zt;
          const gy = (gEt * betaCF - yt) * invS[t];
          sumGyS += gy;
          sumGySRm += gy * rm[t];
          grad[off + t - 1] = gEt * zScale - zt;
          gB *= lam;
          if (f === plain) continue;
          break week;
        }
        let gVm = 0,
          gV = 0;
        if (f & observed) {
          gL += gLLoc[t];
          gB += gBLoc[t];
          gVm = gVmLoc[t];
        }
        const lt = lamA[t];
        const gLt = gB * dBdLam[t];
        let gr = -gB * lt;
        if (!(f & hasFlow)) {
          gLam += gLt;
        } else if (f & terminal) {
          gL = 0; // V_t = 0: nothing downstream reads log V_t
        } else {
          gV = gL / vA[t];
        }
        if (f & hasFlow && wA[t] < 1) {
          // lambda_t = lambda (1 - w_t), w_t = C_t / V_t + D_t / Vm_t
          gLam += gLt * (1 - wA[t]);
          const gw = -gLt * lam;
          gV -= (gw * C[t]) / (vA[t] * vA[t]);
          gVm -= (gw * D[t]) / (vmA[t] * vmA[t]);
        }
        if (lag > 0) {
          gS[t] = -gB * (1 - lt);
          acc += gS[t] - (t + lag <= n ? gS[t + lag] : 0);
          gr += acc;
        }
        const fs = F * s[t];
        const zt = f & pivotBit ? pivotScratch!.z[t] : q[off + t - 1];
        const rcWhite = whitened && (f & hasRc) !== 0;
        const cw = rcWhite ? zScale : 1;
        let gEt: number; // adjoint of et (e_t, or e-bar_t at an anchor week)
        let gZ: number; // adjoint of the coordinate through the N(0, 1) prior term
        if (f & anchor) {
          // V_t = D_t e^{-l}, r_t = log(W_t / V_{t-1}), W_t = V_t + D_t - C_t, e_t = (r_t - mu_t) / fs, z_t = (e_t - shift) / cw;
          // the week's own terms are -z^2/2 + log V_t - log W_t (the rest of the log Jacobian is global).
          const vt = vA[t],
            wt = vmA[t] - C[t],
            zA = zAnc[t],
            eFull = e[t];
          const geFull = -zA / cw + (!whitened && f & hasRc ? geL1[t] : 0);
          const grTotal = gr + geFull / fs;
          const gW = (grTotal - 1) / wt;
          const gVt = gV + gVm + gW + 1 / vt;
          grad[off + t - 1] = -gVt * vt * sBar;
          gA -= geFull / fs;
          gBeta -= (geFull / fs) * rm[t];
          gLogF -= geFull * eFull + 1;
          if (rcWhite) {
            // z = (e - shift) / cw with shift = betaCF y / v: adjoints of shift and cw as sumGY / sumGZ expect them.
            const gShift = zA / cw;
            sumGY += gShift * y[t];
            sumGZ += (zA * zA - 1) / cw;
            const gy = (gShift * betaCF - y[t]) * invS[t];
            sumGyS += gy;
            sumGySRm += gy * rm[t];
          }
          gL = -grTotal;
          gB *= lt;
          continue;
        } else {
          if (f & hasFlow) {
            if (!(f & terminal)) gVm += gV;
            gL = gVm * grown[t]; // grown = V_{t-1} e^{r_t}: the adjoint of log V_{t-1}, and of r_t through Vm
          }
          gr += gL; // without flows log V_t = log V_{t-1} + r_t, and gL carries over unchanged
          gA += gr;
          gBeta += gr * rm[t];
          gEt = gr * fs;
          gZ = -zt;
          if (rcWhite) gLogF += gEt * e[t];
          else {
            gLogF += gEt * zt;
            if (f & hasRc) gEt += geL1[t];
          }
        }
        if (rcWhite) {
          const yt = y[t];
          sumGY += gEt * yt;
          sumGZ += gEt * zt;
          const gy = (gEt * betaCF - yt) * invS[t];
          sumGyS += gy;
          sumGySRm += gy * rm[t];
        }
        grad[off + t - 1] = gEt * cw + gZ;
        gB *= lt;
      }
      if (f & pivotBit) {
        // The coordinate is zeta_k (navPivots.ts): z_j's adjoint goes to it and to what z_j depends on.
        pivotAdjoint(pivots!.at[t], grad[off + t - 1], pivots!, win, pg, q, off, y, grad, pivotScratch!);
        const adj = pivotScratch!.adjoint;
        gL += adj[ADJ.logV];
        gB += adj[ADJ.b];
        gA += adj[ADJ.a];
        gBeta += adj[ADJ.beta];
        gLogF += adj[ADJ.logF];
        gLam += adj[ADJ.lam];
        gLogSigmaN += adj[ADJ.logSigmaN];
        sumGY += adj[ADJ.sumGY];
        sumGZ += adj[ADJ.sumGZ];
        sumGyS += adj[ADJ.sumGyS];
        sumGySRm += adj[ADJ.sumGySRm];
      }
    }
    gu[G.alpha] += gA;
    gu[G.beta] += gBeta;
    gu[G.logF] += gLogF;
    gu[G.logitLam] += gLam * lam * (1 - lam);
    gu[G.logDelta] += gLogDelta;
    gu[G.logSigmaD] += gLogSigmaD;
    gu[G.logSigmaN] += gLogSigmaN;
    if (whitened) {
      // d/dv of e_t (through 1/v and 1/sqrt v) and of the comp marginal -y^2/(2v) - log(v)/2.
      const gv = -betaCF * invV * invV * sumGY - 0.5 * zScale * invV * sumGZ + 0.5 * invV * (yy * invV - nRc);
      gu[G.betaCF] += sumGY * invV + 2 * betaCF * gv;
      gu[G.logSc] += sC * ((sumGZ * zScale) / sC + 2 * sC * gv);
      gu[G.alphaC] -= sumGyS * invV;
      gu[G.betaCM] -= sumGySRm * invV;
    } else {
      gu[G.alphaC] += rhoS * invSc;
      gu[G.betaCM] += rhoSRm * invSc;
      gu[G.betaCF] += rhoE * invSc;
      gu[G.logSc] += rr - nRc;
    }
    for (let k = 0; k < qIndex.length; k++) if (qIndex[k] >= 0) grad[qIndex[k]] = gu[k] * qScale[k];
    return lp;
  };
}
