/**
 * NAVcast around the model: input format, data preparation, simulator, performance metrics,
 * window choice and per-window summaries (pure; file I/O and workers live in ops/navcast).
 * See README.md.
 */
export { FundInputError, fundInputIssues, fundInputJsonSchema, fundInputSchema, parseFundInput, type FundInput } from './input.js';
export { fitGarch, filterForward, type GarchFit } from './garch.js';
export { olsFit, type OlsFit } from './ols.js';
export {
  DEFAULT_WEEKLY_VARIANCE,
  prepareFund,
  type DataPreparation,
  type PreparationFlag,
  type PreparedFund,
  type VarianceSource,
} from './prepare.js';
export { PRESETS, type PresetName, type SimulationEnvironment, type SimulationParameters, type SimulationPreset } from './presets.js';
export { simulateFund, type SimulatedFund, type SimulationTruth } from './simulator.js';
export { continuousIrr, fundMetrics, marketIndex, metricContext, netFlows, type FundMetrics, type MetricContext } from './metrics.js';
export { crnNormal, deriveSeed, namedStream, streamSet } from './streams.js';
