/** Runs' domain: fit settings and model configurations (documents, hashes, events, decider). */
export { DEFAULT_TARGET_ACCEPTANCE, defaultWarmupNext, failureThresholdsSchema, fitConfigSchema, type FailureThresholds, type FitConfig, type FitConfigInput, type WindowPlan } from './fitSettings.js';
export { issueLines, issuePath } from './issuePath.js';
export { DEFAULT_MODEL_CONFIG, ModelConfigError, modelConfigHash, modelConfigSchema, parseModelConfig, type ModelConfigDocument } from './modelConfig.js';
export { modelConfigDecider, ModelConfigRuleError, type ModelConfigCommand, type ModelConfigState } from './configDecider.js';
export {
  ModelConfigCreatedData,
  modelConfigEventDefinitions,
  ModelConfigRetiredData,
  ModelConfigRevisedData,
  modelConfigStreamId,
  type ModelConfigCreated,
  type ModelConfigEvent,
  type ModelConfigRetired,
  type ModelConfigRevised,
} from './configEvents.js';
