import { ChainStatsRecorder } from './chainStats.js';
import { DualAveraging, type DualAveragingState } from './dualAveraging.js';
import { SamplerError } from './errors.js';
import { NutsKernel } from './nutsKernel.js';
import type { ChainConfig } from './options.js';
import { type RngState, Xoshiro256StarStar } from './rng.js';
import type { ChainResult, LogDensityTarget } from './types.js';
import { type WindowedAdaptationState, WindowedVarianceAdaptation } from './windowedAdaptation.js';

/** Stan's services/util/initialize: at most 100 random starts. */
const MAX_INIT_ATTEMPTS = 100;

/** Everything needed to continue a chain bit-for-bit: JSON-serialisable. */
export interface ChainState {
  /** Iterations done so far (warm-up first, then sampling). */
  readonly iteration: number;
  readonly position: readonly number[];
  readonly stepSize: number;
  readonly inverseMetric: readonly number[];
  readonly rng: RngState;
  readonly dualAveraging: DualAveragingState;
  readonly windows: WindowedAdaptationState;
}

/**
 * One NUTS chain with Stan's adaptive schedule (run_adaptive_sampler, docs/nuts.md §1.7): random or
 * given start, step-size heuristic, warm-up iterations that each do transition, dual
 * averaging, windowed metric learning (re-running the heuristic and restarting dual averaging
 * after every metric update), then exp(x_bar) as the final step size and frozen adaptation.
 * With warmup = 0 nothing adapts: step size initialStepSize and the initial metric (unit unless a
 * warm start gives one), as CmdStan without adaptation.
 */
export class NutsChain {
  readonly kernel: NutsKernel;
  iteration = 0;
  private readonly rng: Xoshiro256StarStar;
  private readonly dualAveraging: DualAveraging;
  private readonly windows: WindowedVarianceAdaptation;

  private constructor(
    target: LogDensityTarget,
    readonly config: ChainConfig,
    rng: Xoshiro256StarStar,
  ) {
    this.rng = rng;
    this.kernel = new NutsKernel(target, rng, config.maxTreeDepth, config.initialStepSize);
    this.dualAveraging = new DualAveraging(config.targetAcceptance);
    this.windows = new WindowedVarianceAdaptation(config.warmup, target.dim);
  }

  /** Initialises chain `chain` of a run seeded with `seed`. */
  static start(target: LogDensityTarget, config: ChainConfig, seed: number, chain: number): NutsChain {
    const self = new NutsChain(target, config, Xoshiro256StarStar.forStream(seed, chain));
    if (config.initialInverseMetric !== undefined) self.kernel.inverseMetric.set(config.initialInverseMetric);
    self.initialize(target, chain);
    if (config.warmup > 0) {
      self.dualAveraging.mu = Math.log(10 * config.initialStepSize);
      self.kernel.initStepSize();
    }
    return self;
  }

  /** Continues a chain from a saved state; the rest of the run equals the uninterrupted one. */
  static resume(target: LogDensityTarget, config: ChainConfig, state: ChainState): NutsChain {
    const self = new NutsChain(target, config, Xoshiro256StarStar.fromState(state.rng));
    if (!self.kernel.setPosition(Float64Array.from(state.position))) {
      throw new SamplerError('SAMPLER_INITIALIZATION_FAILED', 'saved position has no finite log density and gradient');
    }
    self.iteration = state.iteration;
    self.kernel.stepSize = state.stepSize;
    self.kernel.inverseMetric.set(state.inverseMetric);
    self.dualAveraging.restoreState(state.dualAveraging);
    self.windows.restoreState(state.windows);
    return self;
  }

  get done(): boolean {
    return this.iteration >= this.config.warmup + this.config.draws;
  }

  get inWarmup(): boolean {
    return this.iteration < this.config.warmup;
  }

  /** Runs one iteration and returns the step size its transition used. */
  step(): number {
    const { kernel } = this;
    const stepSize = kernel.stepSize;
    kernel.transition();
    if (this.inWarmup) {
      kernel.stepSize = this.dualAveraging.learn(kernel.acceptStat);
      if (this.windows.learn(kernel.current.q, kernel.inverseMetric)) {
        kernel.initStepSize();
        this.dualAveraging.mu = Math.log(10 * kernel.stepSize);
        this.dualAveraging.restart();
      }
      if (this.iteration === this.config.warmup - 1) kernel.stepSize = this.dualAveraging.finalStepSize();
    }
    this.iteration += 1;
    return stepSize;
  }

  saveState(): ChainState {
    return {
      iteration: this.iteration,
      position: Array.from(this.kernel.current.q),
      stepSize: this.kernel.stepSize,
      inverseMetric: Array.from(this.kernel.inverseMetric),
      rng: this.rng.saveState(),
      dualAveraging: this.dualAveraging.saveState(),
      windows: this.windows.saveState(),
    };
  }

  private initialize(target: LogDensityTarget, chain: number): void {
    const { initialPoint, initRadius } = this.config;
    if (initialPoint !== undefined) {
      const reason = this.tryStart(target, initialPoint);
      if (reason === undefined) return;
      throw new SamplerError('SAMPLER_INITIALIZATION_FAILED', `chain ${chain}: the given initial point is rejected: ${reason}`);
    }
    const q = new Float64Array(target.dim);
    let reason = '';
    for (let attempt = 0; attempt < MAX_INIT_ATTEMPTS; attempt++) {
      for (let i = 0; i < q.length; i++) q[i] = initRadius * (2 * this.rng.uniform() - 1);
      const failure = this.tryStart(target, q);
      if (failure === undefined) return;
      reason = failure;
    }
    throw new SamplerError(
      'SAMPLER_INITIALIZATION_FAILED',
      `chain ${chain}: initialization failed after ${MAX_INIT_ATTEMPTS} attempts: no point drawn uniformly from (-${initRadius}, ${initRadius})^${target.dim} gave a finite log density and gradient (last: ${reason})`,
    );
  }

  /** Undefined when q is a valid start (and becomes the chain's position), else why not. */
  private tryStart(target: LogDensityTarget, q: Float64Array): string | undefined {
    const grad = new Float64Array(target.dim);
    let lp: number;
    try {
      lp = target.logDensityGradient(Float64Array.from(q), grad);
    } catch (error) {
      return `the target threw: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!Number.isFinite(lp)) return `log density ${lp}`;
    if (!grad.every(Number.isFinite)) return 'gradient not finite';
    if (!this.kernel.setPosition(q)) return 'log density or gradient not reproducible';
    return undefined;
  }
}

/** Runs a started chain to its end, keeping every thin-th post-warm-up draw. */
export function collectChain(chain: NutsChain): ChainResult {
  const { warmup, draws: iterations, thin } = chain.config;
  const firstSampling = Math.max(0, chain.iteration - warmup);
  const kept = Math.ceil(iterations / thin) - Math.ceil(firstSampling / thin);
  const warmupStats = new ChainStatsRecorder(Math.max(0, warmup - chain.iteration));
  const stats = new ChainStatsRecorder(kept);
  const draws: Float64Array[] = [];
  const kernel = chain.kernel;
  while (!chain.done) {
    const warm = chain.inWarmup;
    const samplingIndex = chain.iteration - warmup;
    const stepSize = chain.step();
    if (warm) warmupStats.record(kernel, stepSize);
    else if (samplingIndex % thin === 0) {
      stats.record(kernel, stepSize);
      draws.push(kernel.current.q.slice()); // slice copies the bytes; Float64Array.from iterates
    }
  }
  const result: ChainResult = {
    draws,
    stats: stats.finish(),
    stepSize: kernel.stepSize,
    inverseMetric: Float64Array.from(kernel.inverseMetric),
  };
  if (warmup > 0) result.warmupStats = warmupStats.finish();
  return result;
}
