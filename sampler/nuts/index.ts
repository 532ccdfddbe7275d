/**
 * Stan-exact NUTS (diag_e metric, multinomial sampling, generalized no-U-turn criterion with
 * cross-subtree checks, windowed adaptation) for any differentiable log density, plus the
 * posterior-package diagnostics. See sampler/README.md.
 */
export type {
  ChainResult,
  ChainStats,
  LogDensityTarget,
  SampleOptions,
  SampleResult,
  WarmStart,
  WorkerSampleOptions,
  WorkerTargetSpec,
} from './types.js';
export { SamplerError, type SamplerErrorCode } from './errors.js';
export { sample } from './sample.js';
export { sampleInWorkers, startModuleWorker } from './workers.js';
// Lower level: one chain with a savable, replayable state, and the seeded generator.
export { NutsChain, collectChain, type ChainState } from './chain.js';
export { DEFAULT_TARGET_ACCEPTANCE, resolveOptions, type ChainConfig, type ResolvedOptions } from './options.js';
export { Xoshiro256StarStar, type RandomSource, type RngState } from './rng.js';
export {
  rhat,
  essBulk,
  essTail,
  essMean,
  essSd,
  essQuantile,
  mcseMean,
  mcseSd,
  mcseQuantile,
  eBfmi,
  hmcDiagnostics,
  summarizeParameter,
  type Draws,
  type HmcDiagnostics,
  type ParameterSummary,
} from './diagnostics/index.js';
