/**
 * Priors of the globals (docs/navcast-model.md b.2, b.6). The default is a normal on the
 * unconstrained coordinate u, which needs no Jacobian. A prior stated on the natural scale
 * (log-normal, half-normal, beta) is evaluated as log p_theta(g(u)) + log|g'(u)|.
 */
import { NavcastModelError } from './errors.js';
import type { GlobalLayout, Transform } from './parameters.js';
import { HALF_LOG_2PI } from './window.js';

/** A prior on one global. */
export type NavcastPrior =
  /** Normal(mean, sd) on the unconstrained coordinate u (any transform). */
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number }
  /** LogNormal(mu, sigma) on a log-transformed parameter's natural scale. */
  | { readonly kind: 'logNormal'; readonly mu: number; readonly sigma: number }
  /** HalfNormal(scale) on a log-transformed parameter's natural scale. */
  | { readonly kind: 'halfNormal'; readonly scale: number }
  /** Beta(a, b) on a logit-transformed parameter's natural scale. */
  | { readonly kind: 'beta'; readonly a: number; readonly b: number };

/** Prior overrides keyed by global name ('kappa' and 'logSigmaS' also apply to every source). */
export type NavcastPriors = Readonly<Record<string, NavcastPrior>>;

const normal = (mean: number, sd: number): NavcastPrior => ({ kind: 'normal', mean, sd });

/** The default buyout priors of docs/navcast-model.md (b.2), as in the NumPy reference behind the golden values. */
export const DEFAULT_PRIORS: NavcastPriors = {
  alpha: normal(0, 0.05 / 52),
  beta: normal(1.1, 0.3),
  logF: normal(Math.log(1.3), 0.5),
  logitLam: normal(Math.log(0.92 / 0.08), 0.75),
  logSigmaN: normal(Math.log(0.05), 0.6),
  logDelta: normal(Math.log(0.035), 0.5),
  logSigmaD: normal(Math.log(0.5), 0.6),
  alpha_c: normal(0, 0.001),
  beta_cM: normal(1, 0.1),
  beta_cF: normal(0.4, 0.3),
  logSc: normal(Math.log(0.9), 0.3),
  kappa: normal(-0.08, 0.1),
  logSigmaS: normal(Math.log(0.1), 0.5),
};

/** An external estimate and its standard error, on the natural scale. */
export interface ExternalEstimate {
  readonly estimate: number;
  readonly se: number;
}

/**
 * Priors centred on external Category-1 estimates (b.2, e-8): alpha_c ~ N(est, max(2 SE, 0.0005)),
 * beta_cM ~ N(est, max(2 SE, 0.05)); log delta and log sigma_d ~ N(log est, max(2 SE / est, 0.05))
 * (the external SE widened x2, carried to the log scale by the delta method).
 */
export function categoryOnePriors(estimates: { alphaC?: ExternalEstimate; betaCM?: ExternalEstimate; delta?: ExternalEstimate; sigmaD?: ExternalEstimate }): NavcastPriors {
  const priors: Record<string, NavcastPrior> = {};
  const { alphaC, betaCM, delta, sigmaD } = estimates;
  if (alphaC) priors.alpha_c = normal(alphaC.estimate, Math.max(2 * alphaC.se, 0.0005));
  if (betaCM) priors.beta_cM = normal(betaCM.estimate, Math.max(2 * betaCM.se, 0.05));
  if (delta) priors.logDelta = normal(Math.log(delta.estimate), Math.max((2 * delta.se) / delta.estimate, 0.05));
  if (sigmaD) priors.logSigmaD = normal(Math.log(sigmaD.estimate), Math.max((2 * sigmaD.se) / sigmaD.estimate, 0.05));
  return priors;
}

/** log Gamma(x), x > 0: recurrence up to x >= 10, then the Stirling series (error < 1e-14). */
function logGamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= Math.log(x);
    x += 1;
  }
  const x2 = 1 / (x * x);
  const series = (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188))))) / x;
  return shift + (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
}

/** Priors resolved for one layout: one entry per global (fixed globals get none). */
export interface CompiledPriors {
  readonly priors: readonly (NavcastPrior | null)[];
  /** Parameter-free part of every prior term. */
  readonly constant: number;
}

const FITS: Record<NavcastPrior['kind'], Transform[]> = {
  normal: ['identity', 'log', 'logit'],
  logNormal: ['log'],
  halfNormal: ['log'],
  beta: ['logit'],
};

/** Parameter-free part of a prior's log density. */
export function priorConstant(prior: NavcastPrior): number {
  switch (prior.kind) {
    case 'normal':
      return -Math.log(prior.sd) - HALF_LOG_2PI;
    case 'logNormal':
      return -Math.log(prior.sigma) - HALF_LOG_2PI;
    case 'halfNormal':
      return Math.LN2 - Math.log(prior.scale) - HALF_LOG_2PI;
    case 'beta':
      return logGamma(prior.a + prior.b) - logGamma(prior.a) - logGamma(prior.b);
  }
}

function priorScales(prior: NavcastPrior): number[] {
  switch (prior.kind) {
    case 'normal':
      return [prior.sd];
    case 'logNormal':
      return [prior.sigma];
    case 'halfNormal':
      return [prior.scale];
    case 'beta':
      return [prior.a, prior.b];
  }
}

/** Picks each sampled global's prior (override by exact name, then by base name, then default). */
export function compilePriors(layout: GlobalLayout, overrides: NavcastPriors = {}): CompiledPriors {
  const issues: string[] = [];
  for (const name of Object.keys(overrides)) {
    const base = name.replace(/\[.*\]$/, '');
    if (!layout.names.includes(name) && !(base in DEFAULT_PRIORS)) issues.push(`prior for unknown global ${name}`);
  }
  let constant = 0;
  const priors = layout.names.map((name, k) => {
    if (layout.qIndex[k] < 0) return null;
    const base = name.replace(/\[.*\]$/, '');
    const prior = overrides[name] ?? overrides[base] ?? DEFAULT_PRIORS[base];
    if (!FITS[prior.kind].includes(layout.transforms[k])) issues.push(`a ${prior.kind} prior does not fit ${name}`);
    if (!priorScales(prior).every((x) => x > 0 && Number.isFinite(x))) issues.push(`prior of ${name} needs positive finite scales`);
    constant += priorConstant(prior);
    return prior;
  });
  if (issues.length > 0) throw new NavcastModelError('NAVCAST_OPTIONS_INVALID', issues);
  return { priors, constant };
}

/** Centre of a prior on u: where a chain starts (prior mean of u, or the natural mean mapped to u). */
export function priorCentre(prior: NavcastPrior): number {
  switch (prior.kind) {
    case 'normal':
      return prior.mean;
    case 'logNormal':
      return prior.mu;
    case 'halfNormal':
      return Math.log(prior.scale * Math.sqrt(2 / Math.PI));
    case 'beta':
      return Math.log(prior.a / prior.b);
  }
}

/**
 * One prior's log density on u without its constant (natural-scale priors include the
 * log-Jacobian of their transform); adds d/du to gu[k].
 */
export function addLogPrior(prior: NavcastPrior, x: number, gu: Float64Array, k: number): number {
  switch (prior.kind) {
    case 'normal': {
      const z = (x - prior.mean) / prior.sd;
      gu[k] -= z / prior.sd;
      return -0.5 * z * z;
    }
    case 'logNormal': {
      // log p(theta) = -0.5 ((log theta - mu)/sigma)^2 - log theta at theta = e^u, plus log|g'(u)| = u.
      const theta = Math.exp(x);
      const z = (Math.log(theta) - prior.mu) / prior.sigma;
      gu[k] += -z / prior.sigma - 1 + 1;
      return -0.5 * z * z - Math.log(theta) + x;
    }
    case 'halfNormal': {
      // log p(theta) = -theta^2 / (2 scale^2) at theta = e^u, plus log|g'(u)| = u.
      const z = Math.exp(x) / prior.scale;
      gu[k] += -z * z + 1;
      return -0.5 * z * z + x;
    }
    case 'beta': {
      // log p(theta) = (a-1) log theta + (b-1) log(1-theta) at theta = sigmoid(u), plus
      // log|g'(u)| = log theta + log(1-theta); log theta = -softplus(-u), log(1-theta) = -softplus(u).
      const logTheta = -softplus(-x);
      const log1mTheta = -softplus(x);
      const theta = Math.exp(logTheta);
      gu[k] += (prior.a - 1) * (1 - theta) - (prior.b - 1) * theta + (1 - 2 * theta);
      return (prior.a - 1) * logTheta + (prior.b - 1) * log1mTheta + logTheta + log1mTheta;
    }
  }
}

/** Sum of the prior log densities (without `constant`) at the globals `u`; adds d/du to `gu`. */
export function logPriorAndGradient(compiled: CompiledPriors, u: Float64Array, gu: Float64Array): number {
  let lp = 0;
  const { priors } = compiled;
  for (let k = 0; k < priors.length; k++) {
    const prior = priors[k];
    if (prior !== null) lp += addLogPrior(prior, u[k], gu, k);
  }
  return lp;
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
