/**
 * MCMC diagnostics computed as the R package posterior does (stan-dev/posterior,
 * R/convergence.R; Vehtari, Gelman, Simpson, Carpenter and Buerkner 2021, Bayesian Analysis
 * 16(2) 667-718), plus HMC sampler diagnostics. Draws are chains x iterations for one scalar.
 */
export { DiagnosticsInputError, type DiagnosticsErrorCode } from './errors.js';
export type { Draws } from './matrix.js';
export { rhat, rhatBasic } from './rhat.js';
export { essBasic, essBulk, essMean, essQuantile, essSd, essTail } from './ess.js';
export { mcseMean, mcseQuantile, mcseSd } from './mcse.js';
export { autocovariance } from './autocovariance.js';
export { betaQuantile } from './betaQuantile.js';
export { betaCdf, logBeta, logGamma } from './incompleteBeta.js';
export { averageRanks, mad, median, zScale } from './order.js';
export {
  countDivergences,
  countTreeDepthSaturation,
  eBfmi,
  eBfmiPerChain,
  hmcDiagnostics,
  type ChainCounts,
  type HmcDiagnostics,
} from './hmc.js';
export { coordinateDraws, summarizeParameter, type ParameterSummary } from './summary.js';
