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
export { band, BAND_PROBABILITIES, probabilityAbove, type Band } from './quantiles.js';
export { nextNavLog, nextNavWeek, type NextNavContext } from './predictive.js';
export { FIRST_WINDOW_WEEK, QUARTER_WEEKS, quarterEnds, weekEndDate, windowWeeks, type WindowMode } from './windows.js';
export { extendMetric, firstWindowStart, priorMetric, warmStart } from './warmStart.js';
export { FIT_PARAMETERISATION, runWindowChain, type WindowChainSettings } from './windowChain.js';
export {
  summarizeWindow,
  type FailureThresholds,
  type ParameterRow,
  type SummaryContext,
  type ValuePathBands,
  type WindowSummary,
} from './windowSummary.js';
export { CASE0_FILES, CASE0_PUBLICATION_LAG, CASE0_PUBLISHED_ML, CASE0_TRUTH, parseCase0, type Case0Texts } from './case0.js';
export { inputAsOf } from './asOf.js';
