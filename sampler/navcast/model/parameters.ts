/**
 * The global parameters of docs/navcast-model.md (b.2, b.6): their unconstrained coordinates, the
 * transforms to the natural scale, and which of them a target samples.
 */
import { NavcastModelError } from './errors.js';

/** How an unconstrained coordinate u maps to its natural parameter. */
export type Transform = 'identity' | 'log' | 'logit';

/** Unconstrained names of the 11 fund and comparable globals, in vector order. */
export const CORE_GLOBALS = ['alpha', 'beta', 'logF', 'logitLam', 'logSigmaN', 'logDelta', 'logSigmaD', 'alpha_c', 'beta_cM', 'beta_cF', 'logSc'] as const;
export type CoreGlobal = (typeof CORE_GLOBALS)[number];

const CORE_TRANSFORMS: readonly Transform[] = ['identity', 'identity', 'log', 'logit', 'log', 'log', 'log', 'identity', 'identity', 'identity', 'log'];

/** Positions of the globals in the full (unreduced) vector; price source j adds 11 + 2j and 12 + 2j. */
export const G = {
  alpha: 0,
  beta: 1,
  logF: 2,
  logitLam: 3,
  logSigmaN: 4,
  logDelta: 5,
  logSigmaD: 6,
  alphaC: 7,
  betaCM: 8,
  betaCF: 9,
  logSc: 10,
  price: 11,
} as const;

/** Category-1 parameters (docs/navcast-model.md b.2) that may be fixed at external values (natural scale). */
export interface FixedCategoryOne {
  readonly alphaC?: number;
  readonly betaCM?: number;
  readonly delta?: number;
  readonly sigmaD?: number;
}

/** Natural-scale parameters; kappa and sigmaS are keyed by price source. */
export interface NavcastParameters {
  alpha: number;
  beta: number;
  F: number;
  lambda: number;
  sigmaN: number;
  delta: number;
  sigmaD: number;
  alphaC: number;
  betaCM: number;
  betaCF: number;
  sC: number;
  kappa: Record<string, number>;
  sigmaS: Record<string, number>;
}

/** Where each global lives: in q (its index) or fixed (its u value). */
export interface GlobalLayout {
  /** Every global of the model, sampled or fixed. */
  readonly names: readonly string[];
  readonly transforms: readonly Transform[];
  /** Index of each global in q, -1 when fixed. */
  readonly qIndex: Int32Array;
  /** u value of each fixed global (NaN for sampled ones). */
  readonly fixedU: Float64Array;
  /** A sampled global's u is qShift + qScale * q (0 and 1 unless standardised, see standardiseGlobals). */
  readonly qShift: Float64Array;
  readonly qScale: Float64Array;
  /** Names of the sampled globals, in q order (they lead q, the shocks follow). */
  readonly sampled: readonly string[];
  readonly priceSources: readonly string[];
}

/** Global names of the price source j among `count` sources ('kappa', 'logSigmaS' when there is one). */
export function priceGlobalNames(source: string, count: number): [string, string] {
  return count === 1 ? ['kappa', 'logSigmaS'] : [`kappa[${source}]`, `logSigmaS[${source}]`];
}

/** Lays out the globals for the given price sources and fixed Category-1 values. */
export function globalLayout(priceSources: readonly string[], fixed: FixedCategoryOne = {}): GlobalLayout {
  const names: string[] = [...CORE_GLOBALS];
  const transforms: Transform[] = [...CORE_TRANSFORMS];
  for (const source of priceSources) {
    names.push(...priceGlobalNames(source, priceSources.length));
    transforms.push('identity', 'log');
  }
  const fixedU = new Float64Array(names.length).fill(NaN);
  const fixedEntries: [number, number | undefined, string][] = [
    [G.alphaC, fixed.alphaC, 'alphaC'],
    [G.betaCM, fixed.betaCM, 'betaCM'],
    [G.logDelta, fixed.delta === undefined ? undefined : Math.log(fixed.delta), 'delta'],
    [G.logSigmaD, fixed.sigmaD === undefined ? undefined : Math.log(fixed.sigmaD), 'sigmaD'],
  ];
  for (const [k, u, name] of fixedEntries) {
    if (u === undefined) continue;
    if (!Number.isFinite(u)) throw new NavcastModelError('NAVCAST_OPTIONS_INVALID', [`fixed ${name} must be finite (and > 0 for delta, sigmaD)`]);
    fixedU[k] = u;
  }
  const qIndex = new Int32Array(names.length);
  const sampled: string[] = [];
  names.forEach((name, k) => {
    qIndex[k] = Number.isNaN(fixedU[k]) ? sampled.push(name) - 1 : -1;
  });
  const qShift = new Float64Array(names.length);
  const qScale = new Float64Array(names.length).fill(1);
  return { names, transforms, qIndex, fixedU, qShift, qScale, sampled, priceSources: [...priceSources] };
}

/**
 * The layout with each listed global sampled as (u - mean) / sd. Why: the sampler regularises
 * its adapted metric towards variance 1e-3, far above the posterior variance of alpha (prior sd
 * 0.05/52, posterior sd near 1e-4 over a fund's life); on the standardised scale every global's
 * posterior sd is of order 0.1 to 1. Linear, so the density only gains the constant sum log sd.
 */
export function standardiseGlobals(layout: GlobalLayout, scales: readonly ({ mean: number; sd: number } | null)[]): GlobalLayout {
  const qShift = Float64Array.from(layout.qShift);
  const qScale = Float64Array.from(layout.qScale);
  scales.forEach((scale, k) => {
    if (scale === null || layout.qIndex[k] < 0) return;
    qShift[k] = scale.mean;
    qScale[k] = scale.sd;
  });
  return { ...layout, qShift, qScale };
}

/** log |du/dq| of the sampled globals: the constant the density gains from standardising. */
export function standardisingLogJacobian(layout: GlobalLayout): number {
  let sum = 0;
  for (let k = 0; k < layout.qIndex.length; k++) if (layout.qIndex[k] >= 0) sum += Math.log(layout.qScale[k]);
  return sum;
}

/** Writes the q coordinates of global u values (sampled globals only). */
export function writeGlobals(layout: GlobalLayout, u: Float64Array, q: Float64Array): void {
  const { qIndex, qShift, qScale } = layout;
  for (let k = 0; k < qIndex.length; k++) if (qIndex[k] >= 0) q[qIndex[k]] = (u[k] - qShift[k]) / qScale[k];
}

/** Natural value of one unconstrained coordinate. */
export function constrain(u: number, transform: Transform): number {
  if (transform === 'log') return Math.exp(u);
  if (transform === 'logit') return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
  return u;
}

/** Unconstrained value of one natural parameter. */
export function unconstrain(x: number, transform: Transform): number {
  if (transform === 'log') return Math.log(x);
  if (transform === 'logit') return Math.log(x) - Math.log1p(-x);
  return x;
}

/** Reads every global's u value (sampled from q, fixed from the layout) into `u`. */
export function readGlobals(layout: GlobalLayout, q: Float64Array, u: Float64Array): void {
  const { qIndex, fixedU, qShift, qScale } = layout;
  for (let k = 0; k < qIndex.length; k++) u[k] = qIndex[k] >= 0 ? qShift[k] + qScale[k] * q[qIndex[k]] : fixedU[k];
}

/** Natural-scale parameters from the full vector of global u values. */
export function toParameters(layout: GlobalLayout, u: Float64Array): NavcastParameters {
  const x = (k: number) => constrain(u[k], layout.transforms[k]);
  const kappa: Record<string, number> = {};
  const sigmaS: Record<string, number> = {};
  layout.priceSources.forEach((source, j) => {
    kappa[source] = x(G.price + 2 * j);
    sigmaS[source] = x(G.price + 2 * j + 1);
  });
  return {
    alpha: x(G.alpha),
    beta: x(G.beta),
    F: x(G.logF),
    lambda: x(G.logitLam),
    sigmaN: x(G.logSigmaN),
    delta: x(G.logDelta),
    sigmaD: x(G.logSigmaD),
    alphaC: x(G.alphaC),
    betaCM: x(G.betaCM),
    betaCF: x(G.betaCF),
    sC: x(G.logSc),
    kappa,
    sigmaS,
  };
}

/** The full vector of global u values of natural-scale parameters. */
export function fromParameters(layout: GlobalLayout, p: NavcastParameters): Float64Array {
  const natural = [p.alpha, p.beta, p.F, p.lambda, p.sigmaN, p.delta, p.sigmaD, p.alphaC, p.betaCM, p.betaCF, p.sC];
  for (const source of layout.priceSources) {
    const kappa = p.kappa[source];
    const sigmaS = p.sigmaS[source];
    if (kappa === undefined || sigmaS === undefined) throw new NavcastModelError('NAVCAST_OPTIONS_INVALID', [`parameters lack price source ${source}`]);
    natural.push(kappa, sigmaS);
  }
  return Float64Array.from(natural, (x, k) => unconstrain(x, layout.transforms[k]));
}
