/**
 * The JSON "problem" test/reference/navcast_numpyro.py reads: one NAVcast window's masked weekly
 * data and flags, its priors (normal on u) and its parameterisation, so that the NumPyro
 * implementation evaluates and samples exactly the posterior of a TypeScript target.
 */
import { navcastTarget, type NavcastFundData, type NavcastPriors, type NavcastTarget, type NavcastTargetSpec } from '../../sampler/navcast/model/index.js';
import { globalLayout } from '../../sampler/navcast/model/parameters.js';
import { compilePriors } from '../../sampler/navcast/model/priors.js';

/** A target together with the problem that describes it to Python. */
export interface NavcastProblem {
  readonly target: NavcastTarget;
  readonly json: Record<string, unknown>;
}

/** Builds the target of `spec` on `fund` and its problem; only what the Python side models is allowed. */
export function navcastProblem(fund: NavcastFundData, spec: NavcastTargetSpec): NavcastProblem {
  const options = spec.options ?? {};
  if ((options.appraisalLag ?? 0) !== 0 || options.navLikelihood === 'truncatedNormal' || options.fixed !== undefined) {
    throw new Error('navcast_numpyro.py models appraisal lag 0, log-normal NAVs and no fixed globals only');
  }
  const target = navcastTarget(fund, spec);
  const priors = compilePriors(globalLayout(target.priceSources), spec.priors as NavcastPriors | undefined).priors.map((prior) => {
    if (prior?.kind !== 'normal') throw new Error('navcast_numpyro.py models normal priors on u only');
    return { mean: prior.mean, sd: prior.sd };
  });
  const w = target.window;
  const list = (a: ArrayLike<number>) => Array.from(a, (x) => (Number.isNaN(x) ? null : x));
  const json = {
    whitened: spec.whitened,
    anchored: target.anchored,
    standardised: spec.standardised ?? false,
    navWhitened: spec.navWhitened ?? false,
    priceSources: target.priceSources.length,
    sigmaTerm: options.sigmaTerm ?? 0.02,
    delta0: options.delta0 ?? 1e-5,
    sBar: target.anchors.sBar,
    priors,
    fixedU: priors.map(() => null),
    window: {
      tEnd: w.tEnd,
      v0: w.v0,
      rm: list(w.rm),
      s: list(w.s),
      C: list(w.C),
      D: list(w.D),
      logD: list(w.logD),
      rc: list(w.rc),
      age: list(w.age),
      logNav: list(w.logNav),
      logSec: list(w.logSec),
      secSource: Array.from(w.secSource),
      flags: Array.from(w.flags),
      lBar: list(target.anchors.lBar.length > 0 ? target.anchors.lBar : new Float64Array(w.tEnd + 1)),
    },
  };
  return { target, json };
}
