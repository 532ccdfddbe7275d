import { NavcastError } from '../../domain/errors.js';

/** Stable machine codes of sampler failures. */
export type SamplerErrorCode =
  | 'SAMPLER_INVALID_OPTIONS'
  | 'SAMPLER_INVALID_TARGET'
  | 'SAMPLER_INITIALIZATION_FAILED'
  | 'SAMPLER_IMPROPER_POSTERIOR'
  | 'SAMPLER_NO_STEP_SIZE'
  | 'SAMPLER_METRIC_NOT_FINITE'
  | 'SAMPLER_WORKER_FAILED';

/**
 * Every failure of the sampler. Bad options and targets fail before any work; the others
 * mirror the runtime errors Stan raises (improper posterior, no acceptable step size,
 * initialisation failure after its retries, non-finite adapted metric).
 */
export class SamplerError extends NavcastError {
  readonly code: SamplerErrorCode;
  get status(): number {
    return this.code === 'SAMPLER_INVALID_OPTIONS' ? 400 : 500;
  }

  constructor(code: SamplerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SamplerError';
    this.code = code;
  }
}
