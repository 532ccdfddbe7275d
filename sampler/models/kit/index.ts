/** Shared pieces for hand-written model log densities. */
export type { ConstrainableTarget, TargetFactory } from './types.js';
export { indexedNames, finiteOrRejected } from './types.js';
export {
  LOG_SQRT_2PI,
  normalLogPdf,
  halfNormalLogPdf,
  cauchyLogPdf,
  cauchyLogPdfDx,
  halfCauchyLogPdf,
  studentTLogPdf,
  studentTLogPdfDx,
  gammaLogPdf,
  betaLogPdf,
} from './scalarDensities.js';
export { softplus, inverseLogit, inverseLogitLogJacobian, tanhLogJacobian } from './transforms.js';
export { logGamma } from '../../nuts/diagnostics/index.js';
export { ModelDataError, numberField, vectorField, matrixField } from './modelData.js';
export { choleskyLower, choleskyLowerAdjoint, choleskySolve } from './cholesky.js';
export { gradientError, GradientCheckError, type GradientError } from './gradientCheck.js';
export { constrainDraws } from './constrainDraws.js';
