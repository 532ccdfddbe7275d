/**
 * Simulation-based calibration (Talts et al. 2018) of NAVcast on short funds (issue 5 item 8):
 * draw the globals from the model's priors, simulate a fund from them with the c.2 simulator,
 * fit the window at its last week with the same code as `navcast fit`, and record the rank of
 * each true parameter among thinned posterior draws. If simulator, density and sampler agree,
 * every rank is uniform on 0..L.
 *
 * Exactness: the fit conditions on the simulator's own h (passed in the input), the priors are
 * the defaults the globals were drawn from (no regression-centred Category-1 priors), and no
 * secondary prices are simulated (their globals would be drawn from nothing).
 */
import { DEFAULT_PRIORS, type NavcastPriors } from '../../../sampler/navcast/model/index.js';
import { summarizeParameter } from '../../../sampler/nuts/index.js';
import {
  firstWindowStart,
  inputAsOf,
  namedStream,
  PRESETS,
  prepareFund,
  priorMetric,
  runWindowChain,
  simulateFund,
  type PreparedFund,
  type SimulationParameters,
} from '../../../sampler/navcast/index.js';
import { windowTarget } from '../../../sampler/navcast/fit/windowTarget.js';

/** Parameters whose ranks are tested (issue 5 item 8). */
export const SBC_PARAMETERS = ['beta', 'F', 'lambda', 'sigmaN', 'delta', 'sigmaD'] as const;
export type SbcParameter = (typeof SBC_PARAMETERS)[number];

/** One SBC run's settings. */
export interface SbcSettings {
  /** Fund length in weeks: the fit's window ends at week T (the simulator liquidates at T + 1, unseen). */
  readonly T: number;
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  /** Posterior draws per replication that the truth is ranked among (every chains*draws/L-th draw). */
  readonly rankDraws: number;
  /** Prior overrides of the fit only (a deliberately wrong prior shows what miscalibration looks like). */
  readonly fitPriors?: NavcastPriors;
}

/** Ranks and sampler diagnostics of one replication. */
export interface SbcReplication {
  readonly seed: number;
  readonly ranks: Record<SbcParameter, number>;
  readonly truth: Record<SbcParameter, number>;
  readonly divergences: number;
  readonly maxRhat: number;
  readonly minEssBulk: number;
  readonly seconds: number;
}

/** Natural-scale globals drawn from the default priors on u (b.2); no price source. */
export function drawFromPriors(seed: number): SimulationParameters {
  const rng = namedStream(seed, 'sbcPrior');
  const u = (name: string) => {
    const prior = DEFAULT_PRIORS[name];
    if (prior.kind !== 'normal') throw new RangeError(`SBC draws need normal priors on u (${name} is ${prior.kind})`);
    return prior.mean + prior.sd * rng.normal();
  };
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  return {
    alpha: u('alpha'),
    beta: u('beta'),
    F: Math.exp(u('logF')),
    lambda: sigmoid(u('logitLam')),
    sigmaN: Math.exp(u('logSigmaN')),
    delta: Math.exp(u('logDelta')),
    sigmaD: Math.exp(u('logSigmaD')),
    alphaC: u('alpha_c'),
    betaCM: u('beta_cM'),
    betaCF: u('beta_cF'),
    sC: Math.exp(u('logSc')),
    kappa: 0,
    sigmaS: 1,
  };
}

/** The simulated fund of replication `seed`, prepared for the fit, and its true globals. */
export function sbcFund(seed: number, T: number): { prepared: PreparedFund; truth: SimulationParameters } {
  const truth = drawFromPriors(seed);
  const base = PRESETS.buyout;
  // The comparable's residual has variance h (betaCF^2 + sC^2); the GARCH ARCH term is scaled so
  // that its persistence stays at the preset's 0.98 whatever that factor (else h explodes).
  const load = truth.betaCF ** 2 + truth.sC ** 2;
  const env = { ...base.environment, T: T + 1, priceProbability: 0, garchA: base.environment.garchA / Math.max(1, load) };
  const { input, truth: sim } = simulateFund({ ...base, parameters: truth, environment: env }, seed);
  return { prepared: prepareFund(inputAsOf({ ...input, h: sim.h }, T)), truth };
}

/** Every `step`-th draw of each chain, pooled, cut to `count`. */
function thinned(columns: readonly Float64Array[], count: number): number[] {
  const total = columns.reduce((s, c) => s + c.length, 0);
  const step = Math.floor(total / count);
  if (step < 1) throw new RangeError(`${total} draws cannot give ${count} thinned draws`);
  const out = columns.flatMap((c) => Array.from(c).filter((_, i) => i % step === 0));
  if (out.length < count) throw new RangeError(`thinning by ${step} left ${out.length} < ${count} draws`);
  return out.slice(0, count);
}

/** Fits replication `seed` and ranks its true parameters. */
export function runSbcReplication(seed: number, s: SbcSettings): SbcReplication {
  const started = performance.now();
  const { prepared: simulated, truth } = sbcFund(seed, s.T);
  const prepared = { ...simulated, priors: { ...simulated.priors, ...s.fitPriors } };
  const target = windowTarget(prepared, s.T);
  const chains = Array.from({ length: s.chains }, (_, c) =>
    runWindowChain(target, {
      warmup: s.warmup,
      draws: s.draws,
      seed,
      chain: c,
      targetAcceptance: 0.9,
      maxTreeDepth: 10,
      initialPoint: firstWindowStart(target, prepared.fund, prepared.priors, namedStream(seed, `init:${c}`)),
      inverseMetric: priorMetric(target),
    }),
  );
  const points = chains.map((chain) => chain.draws.map((q) => target.unpack(q)));
  const ranks = {} as Record<SbcParameter, number>;
  const truthOut = {} as Record<SbcParameter, number>;
  let maxRhat = 0,
    minEssBulk = Infinity;
  for (const name of SBC_PARAMETERS) {
    const columns = points.map((chain) => Float64Array.from(chain, (p) => p[name]));
    ranks[name] = thinned(columns, s.rankDraws).filter((x) => x < truth[name]).length;
    truthOut[name] = truth[name];
    const summary = summarizeParameter(columns);
    if (s.chains > 1) maxRhat = Math.max(maxRhat, summary.rhat);
    minEssBulk = Math.min(minEssBulk, summary.essBulk);
  }
  const divergences = chains.reduce((sum, chain) => sum + chain.stats.divergent.reduce((a, b) => a + b, 0), 0);
  return { seed, ranks, truth: truthOut, divergences, maxRhat, minEssBulk, seconds: (performance.now() - started) / 1000 };
}
