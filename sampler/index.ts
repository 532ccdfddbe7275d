/**
 * Stan-exact NUTS (diag_e metric, multinomial sampling, generalized no-U-turn criterion,
 * windowed adaptation) for any differentiable log density. See sampler/README.md.
 */
export type {
  ChainResult,
  ChainStats,
  LogDensityTarget,
  SampleOptions,
  SampleResult,
  WorkerSampleOptions,
  WorkerTargetSpec,
} from './types.js';
export { SamplerError, type SamplerErrorCode } from './errors.js';
export { sample } from './sample.js';
export { sampleInWorkers } from './workers.js';
