import type { LogDensityTarget } from '../../nuts/types.js';

/**
 * A sampler target that can also report its parameters on the constrained scale; it can be
 * passed to `sample` or built inside a worker by `sampleInWorkers`.
 */
export interface ConstrainableTarget extends LogDensityTarget {
  /** Number of unconstrained coordinates. */
  readonly dim: number;
  /**
   * Log density (including log-Jacobians of the constraining transforms) at the
   * unconstrained point q; fills grad with its gradient. Returns -Infinity (never NaN)
   * where the point is infeasible or the arithmetic overflows.
   */
  logDensityGradient(q: Float64Array, grad: Float64Array): number;
  /** Constrained parameter names, as in posteriordb's reference draws (e.g. `theta[1]`). */
  readonly parameterNames: readonly string[];
  /** Constrained values of `parameterNames` at the unconstrained point q. */
  constrain(q: Float64Array): Float64Array;
}

/** Builds a target from its (JSON) data object; the shape `sampleInWorkers` imports. */
export type TargetFactory<Data = unknown> = (data: Data) => ConstrainableTarget;

/** Names `base[1]` .. `base[n]` (Stan's 1-based indexing). */
export function indexedNames(base: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${base}[${i + 1}]`);
}

/**
 * Returns lp when it and every gradient entry are finite, else -Infinity: overflow or an
 * infeasible point must read as a rejection, never as NaN.
 */
export function finiteOrRejected(lp: number, grad: Float64Array): number {
  if (!Number.isFinite(lp)) return Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < grad.length; i++) sum += grad[i];
  return Number.isFinite(sum) ? lp : Number.NEGATIVE_INFINITY;
}
