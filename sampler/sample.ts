import { SamplerError } from './errors.js';
import type { LogDensityTarget, SampleOptions, SampleResult } from './types.js';

/**
 * Runs NUTS chains one after another in this thread. Contract only: the algorithm lands next.
 */
export function sample(target: LogDensityTarget, options: SampleOptions): SampleResult {
  void target;
  void options;
  throw new SamplerError('SAMPLER_INVALID_OPTIONS', 'sample() is not implemented yet');
}
