/** Sampler settings shared by the validation fits, and the `navcast fit` options they become. */
import type { FitOptions } from '../../../ops/navcast/fit.js';

/** Chains, worker threads and iterations of a validation fit. */
export interface ValidationFitSettings {
  readonly chains: number;
  readonly workers: number;
  readonly warmup: number;
  /** Warm-up of warm-started windows. */
  readonly warmupNext: number;
  readonly draws: number;
}

/** `navcast fit` options for windows `weeks` (the CLI's defaults otherwise: target acceptance 0.9, depth 10, strict thresholds). */
export function validationFitOptions(s: ValidationFitSettings, weeks: readonly number[], seed: number): FitOptions {
  return {
    windows: 'last',
    windowList: weeks,
    chains: s.chains,
    workers: s.workers,
    warmup: s.warmup,
    warmupNext: s.warmupNext,
    draws: s.draws,
    seed,
    targetAcceptance: 0.9,
    maxTreeDepth: 10,
    thresholds: { maxRhat: 1.01, minEssBulk: 400, maxDivergences: 0 },
  };
}
