/** Sampler settings shared by the validation fits, and the fit settings they become. */
import { parseFitConfig, type FitConfig } from '../../../sampler/navcast/index.js';

/** Chains, worker threads and iterations of a validation fit. */
export interface ValidationFitSettings {
  readonly chains: number;
  readonly workers: number;
  readonly warmup: number;
  /** Warm-up of warm-started windows. */
  readonly warmupNext: number;
  readonly draws: number;
}

/** Fit settings for windows `weeks` (the schema's defaults otherwise: target acceptance 0.9, depth 10, strict thresholds). */
export function validationFitConfig(s: ValidationFitSettings, weeks: readonly number[], seed: number): FitConfig {
  return parseFitConfig({ windows: 'last', windowList: [...weeks], chains: s.chains, warmup: s.warmup, warmupNext: s.warmupNext, draws: s.draws, seed });
}
