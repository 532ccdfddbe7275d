/**
 * Finite-difference check of a hand-written gradient, for model tests: Richardson-
 * extrapolated central differences (error O(h^4)) compared per coordinate.
 */
import { NavcastError } from '../../../domain/errors.js';
import type { LogDensityTarget } from '../../nuts/types.js';

/** Worst disagreement found by {@link gradientError}. */
export interface GradientError {
  /** max_i |g_i - fd_i| / max(1, |g_i|, |fd_i|). */
  relativeError: number;
  /** Coordinate where it occurs. */
  index: number;
  analytic: number;
  numeric: number;
}

/** The log density was not finite at a point the check needed. */
export class GradientCheckError extends NavcastError {
  readonly code = 'GRADIENT_CHECK_NOT_FINITE';
  readonly status = 500;
  constructor(value: number) {
    super(`log density not finite at a finite-difference point: ${value}`);
    this.name = 'GradientCheckError';
  }
}

function valueAt(target: LogDensityTarget, q: Float64Array, scratch: Float64Array): number {
  const value = target.logDensityGradient(q, scratch);
  if (!Number.isFinite(value)) throw new GradientCheckError(value);
  return value;
}

/**
 * Compares target's gradient at q with Richardson-extrapolated central differences of step
 * h (relative to max(1, |q_i|)) and returns the worst coordinate.
 */
export function gradientError(target: LogDensityTarget, q: Float64Array, h = 1e-3): GradientError {
  const analytic = new Float64Array(target.dim);
  const scratch = new Float64Array(target.dim);
  valueAt(target, q, analytic);
  const x = Float64Array.from(q);
  const central = (i: number, step: number) => {
    x[i] = q[i] + step;
    const up = valueAt(target, x, scratch);
    x[i] = q[i] - step;
    const down = valueAt(target, x, scratch);
    x[i] = q[i];
    return (up - down) / (2 * step);
  };
  let worst: GradientError = { relativeError: 0, index: -1, analytic: 0, numeric: 0 };
  for (let i = 0; i < target.dim; i++) {
    const step = h * Math.max(1, Math.abs(q[i]));
    const numeric = (4 * central(i, step / 2) - central(i, step)) / 3;
    const g = analytic[i];
    const relativeError = Math.abs(g - numeric) / Math.max(1, Math.abs(g), Math.abs(numeric));
    if (!(relativeError <= worst.relativeError)) worst = { relativeError, index: i, analytic: g, numeric };
  }
  return worst;
}
