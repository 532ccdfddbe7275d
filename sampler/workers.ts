import { SamplerError } from './errors.js';
import type { SampleResult, WorkerSampleOptions, WorkerTargetSpec } from './types.js';

/**
 * Runs one chain per worker thread. Contract only: the implementation lands next.
 */
export async function sampleInWorkers(spec: WorkerTargetSpec, options: WorkerSampleOptions): Promise<SampleResult> {
  void spec;
  void options;
  throw new SamplerError('SAMPLER_WORKER_FAILED', 'sampleInWorkers() is not implemented yet');
}
