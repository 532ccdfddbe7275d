/**
 * navcastTarget: the NAVcast log posterior of one fund and one window as a sampler target,
 * with the names, transforms and packing of its unconstrained vector.
 */
import type { LogDensityTarget } from '../../nuts/types.js';
import { NavcastModelError } from './errors.js';
import { priceSourcesOf, type NavcastFundData } from './fundData.js';
import { createKernel, type KernelSettings } from './kernel.js';
import { fromParameters, G, globalLayout, type GlobalLayout, readGlobals, standardiseGlobals, writeGlobals, toParameters, type FixedCategoryOne, type NavcastParameters } from './parameters.js';
import { compilePriors, priorCentre, type CompiledPriors, type NavcastPriors } from './priors.js';
import { findNavPivots, pivotCoordinates, PivotScratch } from './navPivots.js';
import { valuePath, type ValuePath } from './valuePath.js';
import { prepareWindow, type NavcastWindow } from './window.js';
import { anchorScale, coordinatesOfShocks, shocksOfCoordinates, type AnchorCentres, type AnchorScale } from './anchoring.js';

/** Model options; every one is off (or at the spec's constant) by default. */
export interface NavcastModelOptions {
  /** Appraisal lag k in weeks (docs/navcast-model.md e-2); default 0. */
  readonly appraisalLag?: number;
  /** 'logNormal' (default, b.4 L3) or 'truncatedNormal' on the NAV level (e-4). */
  readonly navLikelihood?: 'logNormal' | 'truncatedNormal';
  /** Truncation bounds of the NAV level (commitment units); default [0, Infinity). */
  readonly navBounds?: { readonly lower: number; readonly upper: number };
  /** Category-1 parameters fixed at external values (natural scale): removed from q. */
  readonly fixed?: FixedCategoryOne;
  /** Price sources to model (each adds kappa, log sigma_s); default: those in the fund's data. */
  readonly priceSources?: readonly string[];
  /** Noise of the terminal distribution on log Vm (default 0.02). */
  readonly sigmaTerm?: number;
  /** Distribution intensity at age 0 (default 1e-5). */
  readonly delta0?: number;
}

/** Arguments of {@link navcastTarget}. */
export interface NavcastTargetSpec {
  /** Window end: the fit uses the data visible at the end of this week (b.5). */
  readonly tau: number;
  /** Comp-whitened shocks z (b.8, the default parameterisation) instead of plain e. */
  readonly whitened: boolean;
  /**
   * Anchored shocks at distribution weeks (anchoring.ts): the coordinate moves log V_t rather
   * than the return. Same posterior; the geometry late in a fund's life and at liquidation is
   * what NUTS can sample. Default false (the golden points are in the unanchored coordinates).
   */
  readonly anchored?: boolean;
  /**
   * Globals with a normal prior on u sampled as (u - mean) / sd (parameters.ts
   * standardiseGlobals); default false. Same posterior, metric adaptation at its best.
   */
  readonly standardised?: boolean;
  /**
   * NAV-whitened shocks (navPivots.ts): at one week per published NAV the coordinate is the
   * NAV's own standardised direction, so that a small sigma_n does not narrow the shocks'
   * posterior (the funnel behind early windows' divergences). Same posterior. Needs the
   * log-normal NAV likelihood and appraisal lag 0. Default false.
   */
  readonly navWhitened?: boolean;
  /** Prior overrides by global name (see priors.ts); the rest are the b.2 defaults. */
  readonly priors?: NavcastPriors;
  readonly options?: NavcastModelOptions;
}

/** Natural-scale parameters of a point plus its plain shocks e_1..e_tEnd. */
export interface NavcastPoint extends NavcastParameters {
  shocks: Float64Array;
}

/** A NAVcast window as a sampler target. */
export interface NavcastTarget extends LogDensityTarget {
  /** Names of the sampled globals, in q order; the tEnd shocks follow them. */
  readonly globals: readonly string[];
  /** Rough scale of each shock coordinate (1, or about 0.1 for an anchored one): a first window's metric. */
  readonly shockScales: Float64Array;
  /** Constants of the anchored coordinates (identity when not anchored). */
  readonly anchors: AnchorScale;
  /** Prior scale of each sampled global in q units (sd of a normal prior; 0.5 for the others; 1 when standardised). */
  readonly globalScales: Float64Array;
  readonly window: NavcastWindow;
  readonly whitened: boolean;
  readonly anchored: boolean;
  readonly navWhitened: boolean;
  readonly priceSources: readonly string[];
  /** log p(q) without the gradient (-Infinity outside the support). */
  logDensity(q: Float64Array): number;
  /** Constrained parameters of q, with the plain shocks e (whitened z converted). */
  unpack(q: Float64Array): NavcastPoint;
  /** The q of natural-scale parameters and plain shocks (inverse of unpack). */
  pack(point: NavcastPoint): Float64Array;
  /** V_t and B_t for t = 0..tEnd at q (b.3). */
  valuePath(q: Float64Array): ValuePath;
  /** Natural-scale parameters at the centre of each sampled global's prior (fixed ones at their values). */
  priorCentre(): NavcastParameters;
}

function checkOptions(options: NavcastModelOptions): string[] {
  const issues: string[] = [];
  const lag = options.appraisalLag ?? 0;
  if (!Number.isInteger(lag) || lag < 0) issues.push('appraisalLag must be an integer >= 0');
  const bounds = options.navBounds;
  if (bounds && !(bounds.lower >= 0 && bounds.upper > bounds.lower)) issues.push('navBounds needs 0 <= lower < upper');
  if (bounds && options.navLikelihood !== 'truncatedNormal') issues.push('navBounds apply to the truncatedNormal likelihood only');
  if (!((options.sigmaTerm ?? 0.02) > 0)) issues.push('sigmaTerm must be > 0');
  if (!((options.delta0 ?? 1e-5) >= 0)) issues.push('delta0 must be >= 0');
  return issues;
}

/** delta, sigma_d and F (natural scale) at their prior centres, or their fixed values: the anchor constants. */
function anchorCentres(layout: GlobalLayout, priors: CompiledPriors): AnchorCentres {
  const at = (k: number) => {
    const prior = priors.priors[k];
    return Math.exp(prior === null || prior === undefined ? layout.fixedU[k] : priorCentre(prior));
  };
  return { delta: at(G.logDelta), sigmaD: at(G.logSigmaD), F: at(G.logF) };
}

/** The NAVcast log posterior of `fund` in the window ending at week `spec.tau`. */
export function navcastTarget(fund: NavcastFundData, spec: NavcastTargetSpec): NavcastTarget {
  const options = spec.options ?? {};
  const issues = checkOptions(options);
  if (issues.length > 0) throw new NavcastModelError('NAVCAST_OPTIONS_INVALID', issues);
  const priceSources = options.priceSources ?? priceSourcesOf(fund);
  const truncated = options.navLikelihood === 'truncatedNormal';
  const anchored = spec.anchored ?? false;
  const navWhitened = spec.navWhitened ?? false;
  if (navWhitened && (truncated || (options.appraisalLag ?? 0) !== 0)) {
    throw new NavcastModelError('NAVCAST_OPTIONS_INVALID', ['navWhitened needs the log-normal NAV likelihood and appraisal lag 0']);
  }
  const window = prepareWindow(fund, spec.tau, { priceSources, sigmaTerm: options.sigmaTerm ?? 0.02, navLevelDensity: truncated, anchored });
  const baseLayout = globalLayout(priceSources, options.fixed);
  const settings: KernelSettings = {
    whitened: spec.whitened,
    appraisalLag: options.appraisalLag ?? 0,
    navBounds: truncated ? (options.navBounds ?? { lower: 0, upper: Infinity }) : null,
    sigmaTerm: options.sigmaTerm ?? 0.02,
    delta0: options.delta0 ?? 1e-5,
  };
  const priors = compilePriors(baseLayout, spec.priors);
  const layout = spec.standardised
    ? standardiseGlobals(
        baseLayout,
        priors.priors.map((p) => (p?.kind === 'normal' ? { mean: p.mean, sd: p.sd } : null)),
      )
    : baseLayout;
  const globalScales = Float64Array.from(layout.sampled, (_, i) => {
    const k = layout.qIndex.indexOf(i);
    const prior = priors.priors[k];
    return prior?.kind === 'normal' ? prior.sd / layout.qScale[k] : 0.5;
  });
  const anchors = anchorScale(window, anchorCentres(layout, priors), settings.delta0);
  const pivots = navWhitened ? findNavPivots(window) : null;
  const pivotScratch = pivots === null ? null : new PivotScratch(pivots.count, window.tEnd);
  const kernel = createKernel(window, layout, priors, settings, anchors, pivots === null ? null : { pivots, scratch: pivotScratch! });
  const nGlobal = layout.sampled.length;
  const dim = nGlobal + window.tEnd;

  /** Parameters and plain shocks of q in the coordinates without NAV pivots. */
  function unpackUnpivoted(q: Float64Array): NavcastPoint {
    const u = new Float64Array(layout.names.length);
    readGlobals(layout, q, u);
    const shocks = shocksOfCoordinates(window, spec.whitened, anchors, u, q.subarray(nGlobal));
    return { ...toParameters(layout, u), shocks };
  }

  /** q with each NAV pivot's zeta_k replaced by its z_j (the kernel's forward scan computes them). */
  function unpivot(q: Float64Array): Float64Array {
    if (pivots === null) return q;
    if (!Number.isFinite(kernel(q, null))) throw new NavcastModelError('NAVCAST_OPTIONS_INVALID', ['cannot map an infeasible point out of NAV-whitened coordinates']);
    const out = Float64Array.from(q);
    for (let k = 0; k < pivots.count; k++) out[nGlobal + pivots.week[k] - 1] = pivotScratch!.z[pivots.week[k]];
    return out;
  }

  /** The inverse of unpivot, computed apart from the kernel (navPivots.ts pivotCoordinates). */
  function pivot(q: Float64Array): Float64Array {
    if (pivots === null) return q;
    const { shocks, ...params } = unpackUnpivoted(q);
    return pivotCoordinates(window, pivots, params, shocks, q, nGlobal, spec.whitened);
  }

  function unpack(q: Float64Array): NavcastPoint {
    return unpackUnpivoted(unpivot(q));
  }

  function centre(): NavcastParameters {
    const u = Float64Array.from(layout.fixedU);
    priors.priors.forEach((prior, k) => {
      if (prior !== null) u[k] = priorCentre(prior);
    });
    return toParameters(layout, u);
  }

  function pack(point: NavcastPoint): Float64Array {
    if (point.shocks.length !== window.tEnd) {
      throw new NavcastModelError('NAVCAST_OPTIONS_INVALID', [`expected ${window.tEnd} shocks, got ${point.shocks.length}`]);
    }
    const u = fromParameters(layout, point);
    const q = new Float64Array(dim);
    layout.qIndex.forEach((i, k) => {
      if (i < 0) u[k] = layout.fixedU[k];
    });
    writeGlobals(layout, u, q);
    q.set(coordinatesOfShocks(window, spec.whitened, anchors, u, point.shocks), nGlobal);
    return pivot(q);
  }

  return {
    dim,
    globals: layout.sampled,
    shockScales: anchors.coordinateScale,
    anchors,
    globalScales,
    window,
    whitened: spec.whitened,
    anchored,
    navWhitened,
    priceSources,
    logDensityGradient: (q, grad) => kernel(q, grad),
    logDensity: (q) => kernel(q, null),
    unpack,
    pack,
    priorCentre: centre,
    valuePath: (q) => {
      const { shocks, ...params } = unpack(q);
      return valuePath(window, params, shocks, settings.appraisalLag);
    },
  };
}
