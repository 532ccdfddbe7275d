/**
 * The NAVcast model (docs/navcast-model.md b): log posterior and gradient of one fund and one
 * window, its parameters and priors, and the naive-path initialisation. See README.md.
 */
export { NavcastModelError, type NavcastModelErrorCode } from './errors.js';
export {
  DEFAULT_PRICE_SOURCE,
  fundDataIssues,
  lastWeek,
  liquidationWeek,
  priceSourcesOf,
  type NavcastFundData,
} from './fundData.js';
export { naiveInitialPoint, naiveNowcast, naiveShocks } from './naiveInit.js';
export { CORE_GLOBALS, type FixedCategoryOne, type NavcastParameters, type Transform } from './parameters.js';
export {
  categoryOnePriors,
  DEFAULT_PRIORS,
  type ExternalEstimate,
  type NavcastPrior,
  type NavcastPriors,
} from './priors.js';
export {
  navcastTarget,
  type NavcastModelOptions,
  type NavcastPoint,
  type NavcastTarget,
  type NavcastTargetSpec,
} from './target.js';
export type { ValuePath } from './valuePath.js';
export type { NavcastWindow } from './window.js';
