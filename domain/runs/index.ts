/** Runs' domain: fit settings and model configurations (their documents and hashes). */
export { DEFAULT_TARGET_ACCEPTANCE, defaultWarmupNext, failureThresholdsSchema, fitConfigSchema, type FailureThresholds, type FitConfig, type FitConfigInput, type WindowPlan } from './fitSettings.js';
export { issuePath } from './issuePath.js';
export { DEFAULT_MODEL_CONFIG, ModelConfigError, modelConfigHash, modelConfigSchema, parseModelConfig, type ModelConfigDocument } from './modelConfig.js';
