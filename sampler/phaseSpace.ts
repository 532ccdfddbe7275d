import type { LogDensityTarget } from './types.js';

/** A state being integrated: position q, momentum p, gradient of log pi at q, log pi(q). */
export class PhasePoint {
  readonly q: Float64Array;
  readonly p: Float64Array;
  readonly grad: Float64Array;
  logDensity = Number.NaN;

  constructor(dim: number) {
    this.q = new Float64Array(dim);
    this.p = new Float64Array(dim);
    this.grad = new Float64Array(dim);
  }

  copyFrom(other: PhasePoint): void {
    this.q.set(other.q);
    this.p.set(other.p);
    this.grad.set(other.grad);
    this.logDensity = other.logDensity;
  }
}

/**
 * A state that may become the draw. Its momentum is not needed, only its energy
 * H = -log pi + kinetic, already computed where the state was reached; the gradient is kept
 * so the next transition need not re-evaluate it (Stan re-evaluates; the value is the same).
 */
export class Candidate {
  readonly q: Float64Array;
  readonly grad: Float64Array;
  logDensity = Number.NaN;
  energy = Number.NaN;

  constructor(dim: number) {
    this.q = new Float64Array(dim);
    this.grad = new Float64Array(dim);
  }

  copyFrom(other: Candidate): void {
    this.q.set(other.q);
    this.grad.set(other.grad);
    this.logDensity = other.logDensity;
    this.energy = other.energy;
  }

  copyFromPoint(point: PhasePoint, energy: number): void {
    this.q.set(point.q);
    this.grad.set(point.grad);
    this.logDensity = point.logDensity;
    this.energy = energy;
  }
}

/**
 * log pi(q), filling grad; -Infinity when the target throws or returns a non-finite value,
 * which gives potential energy +Infinity like Stan's domain-error handling.
 */
export function evaluateLogDensity(target: LogDensityTarget, q: Float64Array, grad: Float64Array): number {
  let lp: number;
  try {
    lp = target.logDensityGradient(q, grad);
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
  return Number.isFinite(lp) ? lp : Number.NEGATIVE_INFINITY;
}

/** Stan's log_sum_exp(a, b) for doubles. */
export function logSumExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (a === Number.POSITIVE_INFINITY && b === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
