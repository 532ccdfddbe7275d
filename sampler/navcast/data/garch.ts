/**
 * GARCH(1,1) h_t = omega + a xi_{t-1}^2 + b h_{t-1} for the comparable's market residual
 * (docs/navcast-model.md b.1): Gaussian maximum likelihood on the pre-inception residuals, then
 * filtering forward only (no look-ahead).
 */
import { nelderMead } from './nelderMead.js';

/** Fitted coefficients (omega in the residuals' squared units) and the state after the sample. */
export interface GarchFit {
  readonly omega: number;
  readonly a: number;
  readonly b: number;
  readonly logLikelihood: number;
  /** false when the optimiser did not converge or a + b is at the stationarity boundary (>= 0.999). */
  readonly ok: boolean;
  /** Conditional variance of the last sample week and that week's residual (start of filtering). */
  readonly lastH: number;
  readonly lastResidual: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Conditional variances of `residuals` (h_0 = the sample variance, the usual backcast). */
function filterVariances(residuals: readonly number[], omega: number, a: number, b: number, h0: number): Float64Array {
  const h = new Float64Array(residuals.length);
  h[0] = h0;
  for (let t = 1; t < residuals.length; t++) h[t] = omega + a * residuals[t - 1] ** 2 + b * h[t - 1];
  return h;
}

function logLikelihood(residuals: readonly number[], h: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < residuals.length; t++) sum -= HALF_LOG_2PI + 0.5 * (Math.log(h[t]) + (residuals[t] * residuals[t]) / h[t]);
  return sum;
}

/**
 * Maximum-likelihood GARCH(1,1) of zero-mean residuals (at least 50). Coordinates: log omega,
 * logit(a + b), logit(a / (a + b)), so every trial point is stationary with a, b > 0; the
 * series is scaled to unit variance while optimising. Nelder-Mead from three starts.
 */
export function fitGarch(residuals: readonly number[]): GarchFit {
  if (residuals.length < 50) throw new RangeError(`GARCH needs at least 50 residuals, got ${residuals.length}`);
  const variance = residuals.reduce((s, x) => s + x * x, 0) / residuals.length;
  const scaled = residuals.map((x) => x / Math.sqrt(variance));
  const coefficients = (u: number[]) => {
    const persistence = sigmoid(u[1]),
      share = sigmoid(u[2]);
    return { omega: Math.exp(u[0]), a: persistence * share, b: persistence * (1 - share) };
  };
  const negLogLik = (u: number[]) => {
    const { omega, a, b } = coefficients(u);
    return -logLikelihood(scaled, filterVariances(scaled, omega, a, b, 1));
  };
  const logit = (p: number) => Math.log(p / (1 - p));
  const starts = [
    [0.05, 0.9],
    [0.1, 0.8],
    [0.03, 0.95],
  ].map(([a, b]) => [Math.log(1 - a - b), logit(a + b), logit(a / (a + b))]);
  const best = starts.map((start) => nelderMead(negLogLik, start, { step: 0.3, tolerance: 1e-9 })).reduce((x, y) => (y.value < x.value ? y : x));
  const { omega, a, b } = coefficients(best.x);
  const h = filterVariances(residuals, omega * variance, a, b, variance);
  return {
    omega: omega * variance,
    a,
    b,
    logLikelihood: logLikelihood(residuals, h),
    ok: best.converged && a + b < 0.999,
    lastH: h[h.length - 1],
    lastResidual: residuals[residuals.length - 1],
  };
}

/**
 * h_1..h_T of the fund weeks from the fit's last state: h_t = omega + a xi_{t-1}^2 + b h_{t-1},
 * where xi_{t-1} is week t-1's residual (0 where the comparable is missing). Entry 0 is the
 * last pre-inception variance.
 */
export function filterForward(fit: GarchFit, residuals: readonly (number | null)[]): number[] {
  const h = new Array<number>(residuals.length);
  h[0] = fit.lastH;
  let previousResidual = fit.lastResidual;
  for (let t = 1; t < residuals.length; t++) {
    h[t] = fit.omega + fit.a * previousResidual ** 2 + fit.b * h[t - 1];
    previousResidual = residuals[t] ?? 0;
  }
  return h;
}
