/**
 * The NAVcast package's public API (see README.md): the fund input and its preparation (data/),
 * the simulator (simulate/), the fit as one call, fitFund with its settings schema (fit/), the
 * per-window outputs (outputs/) and the HTML report (report/). The model's density and
 * gradient are model/ (its own index). Pure computation and worker threads; file I/O is ops/.
 */
export { FundInputError, fundInputIssues, fundInputJsonSchema, fundInputSchema, parseFundInput, type FundInput } from './data/input.js';
export { fitGarch, filterForward, type GarchFit } from './data/garch.js';
export { olsFit, type OlsFit } from './data/ols.js';
export {
  DEFAULT_WEEKLY_VARIANCE,
  prepareFund,
  type DataPreparation,
  type PreparationFlag,
  type PreparedFund,
  type VarianceSource,
} from './data/prepare.js';
export { PRESETS, type PresetName, type SimulationEnvironment, type SimulationParameters, type SimulationPreset } from './simulate/presets.js';
export { simulateFund, type SimulatedFund, type SimulationTruth } from './simulate/simulator.js';
export { continuousIrr, fundMetrics, marketIndex, metricContext, netFlows, type FundMetrics, type MetricContext } from './outputs/metrics.js';
export { crnNormal, deriveSeed, namedStream, streamSet } from './model/streams.js';
export { band, BAND_PROBABILITIES, probabilityAbove, type Band } from './outputs/quantiles.js';
export { nextNavLog, nextNavWeek, type NextNavContext } from './outputs/predictive.js';
export { FIRST_WINDOW_WEEK, QUARTER_WEEKS, quarterEnds, weekEndDate, windowWeeks, type WindowMode } from './data/windows.js';
export { extendMetric, firstWindowStart, priorMetric, warmStart } from './fit/warmStart.js';
export { runWindowChain, type WindowChainSettings } from './fit/windowChain.js';
export { FIT_PARAMETERISATION, windowTarget } from './fit/windowTarget.js';
export {
  defaultWarmupNext,
  failureThresholdsSchema,
  fitConfigJsonSchema,
  fitConfigSchema,
  parseFitConfig,
  type FailureThresholds,
  type FitConfig,
  type FitConfigInput,
  type WindowPlan,
} from './fit/fitConfig.js';
export { FitConfigError, FitWorkerError } from './fit/errors.js';
export { fitFund, type BrokenWindow, type FitProgress, type FitResult, type FitRunOptions, type FitSummary } from './fit/fitFund.js';
export { fitBenchmarks, type FitBenchmarks } from './outputs/benchmarks.js';
export { renderFitReport } from './report/index.js';
export {
  summarizeWindow,
  type ParameterRow,
  type WindowDraws,
  type SummaryContext,
  type ValuePathBands,
  type WindowSummary,
} from './outputs/windowSummary.js';
export { CASE0_FILES, CASE0_PUBLICATION_LAG, CASE0_PUBLISHED_ML, CASE0_TRUTH, parseCase0, type Case0Texts } from './data/case0.js';
export { inputAsOf } from './data/asOf.js';
