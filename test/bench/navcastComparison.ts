/**
 * Ours against NumPyro on the same NAVcast posterior (issue 5 item 12, numpyroRatio): one
 * window of a simulated fund in the fit parameterisation, the same start for every chain,
 * 4 chains one after another in one thread on both sides (NumPyro chain_method "sequential",
 * one CPU device), minimum bulk ESS over every coordinate of q, per wall-clock second.
 * With `repeat`, NumPyro's figures come from a second run of the same MCMC object, so its
 * compilation is not counted against it; without, its single run includes compilation.
 */
import { minimumEss } from './samplerBench/measureRun.js';
import { naiveInitialPoint, type NavcastFundData, type NavcastPriors } from '../../sampler/navcast/model/index.js';
import { FIT_PARAMETERISATION, priorMetric, runWindowChain } from '../../sampler/navcast/index.js';
import { navcastProblem } from '../reference/navcastProblem.js';
import { numpyroSample, NumpyroTimeLimit } from '../reference/navcastNumpyro.js';

/** One side's figures. */
export interface SideFigures {
  readonly seconds: number;
  readonly minEssBulk: number;
  readonly essPerSecond: number;
  readonly gradients: number;
  readonly divergences: number;
}

/** Both sides and their ratio, or why NumPyro has no figures. */
export interface ComparisonFigures {
  readonly ours: SideFigures;
  readonly numpyro: (SideFigures & { readonly versions: string; readonly secondsWithCompile: number }) | { readonly reason: string };
  readonly ratio: number | null;
  /**
   * When NumPyro ran out of time: the ratio's lower bound. Its min bulk ESS cannot exceed
   * S log10(S) (S = chains x draws; the cap of posterior's ESS, ess.ts), so its ESS per second
   * was at most S log10(S) / limit.
   */
  readonly ratioAtLeast: number | null;
}

/** Draws per coordinate: coordinate -> chain -> iteration. */
function byCoordinate(chains: Float64Array[][], dim: number): Float64Array[][] {
  return Array.from({ length: dim }, (_, i) => chains.map((draws) => Float64Array.from(draws, (q) => q[i])));
}

/** Runs both samplers on window `tau` of `fund`. */
export function compareWithNumpyro(
  root: string,
  fund: NavcastFundData,
  priors: NavcastPriors,
  tau: number,
  run: { chains: number; warmup: number; draws: number; seed: number; repeat: boolean },
  numpyroRun: { skip: boolean; limitSeconds: number },
  onOurs: (ours: SideFigures) => void = () => {},
): ComparisonFigures {
  const { target, json } = navcastProblem(fund, { tau, ...FIT_PARAMETERISATION, priors });
  const init = naiveInitialPoint(target, fund);
  const started = performance.now();
  let gradients = 0,
    divergences = 0;
  const chains = Array.from({ length: run.chains }, (_, chain) => {
    const result = runWindowChain(target, {
      warmup: run.warmup,
      draws: run.draws,
      seed: run.seed,
      chain,
      targetAcceptance: 0.9,
      maxTreeDepth: 10,
      initialPoint: init,
      inverseMetric: priorMetric(target),
    });
    for (const stats of [result.warmupStats, result.stats]) if (stats) gradients += stats.nLeapfrog.reduce((s, n) => s + n, 0);
    divergences += result.stats.divergent.reduce((s, d) => s + d, 0);
    return result.draws;
  });
  const seconds = (performance.now() - started) / 1000;
  const bulk = minimumEss(byCoordinate(chains, target.dim)).bulk;
  const ours = { seconds, minEssBulk: bulk, essPerSecond: bulk / seconds, gradients, divergences };
  onOurs(ours);
  if (numpyroRun.skip) return { ours, numpyro: { reason: 'skipped (--skip-numpyro)' }, ratio: null, ratioAtLeast: null };
  let theirs: ReturnType<typeof numpyroSample>;
  try {
    theirs = numpyroSample(root, json, init, run, numpyroRun.limitSeconds);
  } catch (error) {
    if (!(error instanceof NumpyroTimeLimit)) throw error;
    // With --numpyro-repeat the limit covered two runs, so it bounds neither run's time.
    const draws = run.chains * run.draws;
    const ratioAtLeast = run.repeat ? null : ours.essPerSecond / ((draws * Math.log10(draws)) / error.seconds);
    return { ours, numpyro: { reason: error.message }, ratio: null, ratioAtLeast };
  }
  if ('reason' in theirs) return { ours, numpyro: theirs, ratio: null, ratioAtLeast: null };
  const theirBulk = minimumEss(byCoordinate(theirs.draws, target.dim)).bulk;
  const numpyro = {
    seconds: theirs.seconds,
    secondsWithCompile: theirs.secondsWithCompile,
    minEssBulk: theirBulk,
    essPerSecond: theirBulk / theirs.seconds,
    gradients: theirs.gradients,
    divergences: theirs.divergences,
    versions: theirs.versions,
  };
  return { ours, numpyro, ratio: ours.essPerSecond / numpyro.essPerSecond, ratioAtLeast: null };
}
