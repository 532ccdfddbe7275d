/**
 * Public contract of the NUTS sampler. Every vector lives on the unconstrained scale; the
 * sampler never sees constraints, Jacobians or parameter names.
 */

/**
 * A differentiable log density on R^dim.
 *
 * `logDensityGradient(q, grad)` returns log pi(q) (constants may be dropped, Jacobians of any
 * constraining transforms included) and writes d log pi / dq into `grad`. A non-finite return
 * value or a thrown error means "q is outside the support": the sampler rejects the point
 * (potential energy +infinity), exactly as Stan treats a domain error. The function must be
 * pure: the same q gives the same value and gradient, bit for bit.
 */
export interface LogDensityTarget {
  readonly dim: number;
  logDensityGradient(q: Float64Array, grad: Float64Array): number;
}

/** Options of {@link sample}; defaults are CmdStan's. */
export interface SampleOptions {
  /** Number of independent chains (default 4). */
  chains?: number;
  /** Warm-up (adaptation) iterations per chain (default 1000); 0 disables adaptation. */
  warmup?: number;
  /** Kept iterations per chain after warm-up (default 1000). */
  draws?: number;
  /** Seed of the random stream; chain c uses the stream derived from (seed, c). Integer in [0, 2^53). */
  seed: number;
  /**
   * Target mean acceptance statistic of dual averaging, delta in (0, 1). Default 0.9, not
   * CmdStan's 0.8: the NAVcast posteriors (funnels in the NAV noise, docs/navcast-model.md b.8)
   * need the smaller steps, and one default for every caller is easier to reason about.
   */
  targetAcceptance?: number;
  /** Maximum tree depth; a transition costs at most 2^maxTreeDepth - 1 leapfrog steps (default 10). */
  maxTreeDepth?: number;
  /**
   * One starting point per chain (length dim each). Each is tried once and must give a finite
   * log density and gradient. Default: uniform(-initRadius, initRadius) per coordinate,
   * redrawn up to 100 times, like Stan.
   */
  initialPoints?: Float64Array[];
  /** Half-width of the default uniform initialisation box (default 2). */
  initRadius?: number;
  /** Nominal step size before adaptation, also the centre mu = log(10 * initialStepSize) of the first dual-averaging stage (default 1). */
  initialStepSize?: number;
  /** Keep every thin-th post-warm-up draw (default 1); `draws` counts iterations, so draws/thin are kept. */
  thin?: number;
  /**
   * Index of the first chain (default 0): the run's chains are firstChain .. firstChain +
   * chains - 1, and chain k draws from the stream (seed, k). A run split over threads or
   * machines gives each part its own firstChain and gets the chains of one whole run.
   */
  firstChain?: number;
  /**
   * Warm start, one per chain (instead of initialPoints): the position to start from and,
   * optionally, the step size and the diagonal inverse metric to begin with (for example those
   * a previous fit adapted). With warm-up the adaptation refines both; with warmup 0 they are
   * used as given.
   */
  warmStarts?: readonly WarmStart[];
}

/** Where a chain starts, and with which step size and metric (see {@link SampleOptions.warmStarts}). */
export interface WarmStart {
  /** Starting point (length dim), tried once: it must give a finite log density and gradient. */
  readonly position: Float64Array;
  /** Step size to begin with (default: the run's initialStepSize). */
  readonly stepSize?: number;
  /** Diagonal of the inverse metric M^-1 to begin with (length dim, every entry finite and > 0; default the unit metric). */
  readonly inverseMetric?: Float64Array;
}

/** Per-iteration sampler statistics, in Stan's CSV column meaning (one entry per kept iteration). */
export interface ChainStats {
  /** stepsize__: the step size used by the transition. */
  stepSize: Float64Array;
  /** treedepth__: number of tree doublings kept. */
  treeDepth: Int32Array;
  /** n_leapfrog__: leapfrog steps taken, including those of a discarded last subtree. */
  nLeapfrog: Int32Array;
  /** divergent__: 1 when the energy error exceeded 1000 (or the density was rejected) in the transition. */
  divergent: Uint8Array;
  /** energy__: Hamiltonian H = -log pi(q) + 0.5 p' M^-1 p at the selected state. */
  energy: Float64Array;
  /** accept_stat__: mean of min(1, exp(H0 - H)) over every leapfrog state of the transition. */
  acceptStat: Float64Array;
  /** lp__: log density of the selected state (unconstrained scale, as returned by the target). */
  logDensity: Float64Array;
}

/** Output of one chain. */
export interface ChainResult {
  /** Kept draws, one Float64Array of length dim per kept iteration, unconstrained scale. */
  draws: Float64Array[];
  /** Statistics of the kept iterations, aligned with `draws`. */
  stats: ChainStats;
  /** Adapted nominal step size used after warm-up. */
  stepSize: number;
  /** Adapted diagonal of the inverse metric (M^-1), length dim. */
  inverseMetric: Float64Array;
  /** Statistics of the warm-up iterations (present when warmup > 0). */
  warmupStats?: ChainStats;
}

/** Output of {@link sample}: one entry per chain, in chain order. */
export interface SampleResult {
  chains: ChainResult[];
}

/** How a worker thread builds the target: `(await import(module))[exportName](args)`. */
export interface WorkerTargetSpec {
  /** Absolute file URL or absolute path of an ES module (TypeScript allowed). */
  module: string;
  /** Name of an exported function `(args) => LogDensityTarget` (may return a Promise). */
  exportName: string;
  /** Structured-cloneable arguments handed to that function. */
  args: unknown;
}

/** Options of {@link sampleInWorkers}. */
export interface WorkerSampleOptions extends SampleOptions {
  /** Maximum worker threads running at once (default: number of chains). */
  workers?: number;
}
