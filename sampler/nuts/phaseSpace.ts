import { SamplerError } from './errors.js';
import { passesWithMemory, type LeapfrogPasses } from './leapfrogPasses.js';
import type { LogDensityTarget } from './types.js';

/** Spare numbers after the vectors: results that passes write to memory, then a generator state. */
const SCRATCH = 8;

/**
 * Every length-dim vector of a kernel in one WebAssembly memory, addressed by element offsets,
 * so the leapfrog passes (leapfrogPasses.wat) run over them without copies or bounds checks.
 * Vectors are `stride` apart: dim rounded up to even, so each starts 16-byte aligned and the
 * passes handle two coordinates at a time; an odd dim's pad coordinate stays +0 in every
 * vector (nothing writes it but the passes, which map zeros to zeros). `view` gives a
 * dim-long Float64Array window (shared memory) for the target and for callers. The memory
 * never grows, so the views never detach.
 */
export class Workspace {
  readonly heap: Float64Array;
  /** The same memory as int32s (for a generator's state words at 2 * stateAt). */
  readonly words: Int32Array;
  readonly passes: LeapfrogPasses;
  /** Element offset of 4 spare numbers after the vectors. */
  readonly scratchAt: number;
  /** Element offset of 4 more, for a generator's four 64-bit state words. */
  readonly stateAt: number;
  /** Distance between vectors, in elements: dim rounded up to even. */
  readonly stride: number;
  private used = 0;

  constructor(
    readonly dim: number,
    vectors: number,
  ) {
    this.stride = dim + (dim & 1);
    this.scratchAt = this.stride * vectors;
    this.stateAt = this.scratchAt + 4;
    const { buffer, passes } = passesWithMemory((this.scratchAt + SCRATCH) * 8);
    this.heap = new Float64Array(buffer, 0, this.scratchAt + SCRATCH);
    this.words = new Int32Array(buffer, 0, 2 * (this.scratchAt + SCRATCH));
    this.passes = passes;
  }

  /** Offset of a fresh zeroed vector. */
  allocate(): number {
    if (this.used + this.stride > this.scratchAt) throw new SamplerError('SAMPLER_INVALID_TARGET', 'workspace exhausted');
    const offset = this.used;
    this.used += this.stride;
    return offset;
  }

  view(offset: number): Float64Array {
    return this.heap.subarray(offset, offset + this.dim);
  }

  copy(to: number, from: number): void {
    this.heap.copyWithin(to, from, from + this.dim);
  }
}

/**
 * A state being integrated: position q, momentum p, gradient of log pi at q, log pi(q). A
 * closing pass may also open the next leapfrog step (half kick and drift, which need only this
 * state's gradient) into the spare vectors qNext and pNext; `openedStep` is then that step's
 * size, and the next leaf adopts them by swapping offsets instead of repeating the pass.
 */
export class PhasePoint {
  qAt: number;
  pAt: number;
  gradAt: number;
  q: Float64Array;
  grad: Float64Array;
  logDensity = Number.NaN;
  qNextAt: number;
  pNextAt: number;
  private qNext: Float64Array;
  /** Signed step size of the step opened in qNext / pNext; NaN when none is. */
  openedStep = Number.NaN;

  constructor(readonly space: Workspace) {
    this.qAt = space.allocate();
    this.pAt = space.allocate();
    this.gradAt = space.allocate();
    this.qNextAt = space.allocate();
    this.pNextAt = space.allocate();
    this.q = space.view(this.qAt);
    this.grad = space.view(this.gradAt);
    this.qNext = space.view(this.qNextAt);
  }

  copyFrom(other: PhasePoint): void {
    this.space.copy(this.qAt, other.qAt);
    this.space.copy(this.pAt, other.pAt);
    this.space.copy(this.gradAt, other.gradAt);
    this.logDensity = other.logDensity;
    this.openedStep = Number.NaN;
  }

  /** Takes the opened step as the state (q and p before the gradient at the new q). */
  adoptOpenedStep(): void {
    const { qAt, pAt, q } = this;
    this.qAt = this.qNextAt;
    this.pAt = this.pNextAt;
    this.q = this.qNext;
    this.qNextAt = qAt;
    this.pNextAt = pAt;
    this.qNext = q;
    this.openedStep = Number.NaN;
  }
}

/**
 * A state that may become the draw. Its momentum is not needed, only its energy
 * H = -log pi + kinetic, already computed where the state was reached; the gradient is kept
 * so the next transition need not re-evaluate it (Stan re-evaluates; the value is the same).
 * Multinomial selection moves candidates by swapping vectors (offsets and views), not by
 * copying them, where the source is not read again; callers never keep `q` or `grad` views
 * across a transition.
 */
export class Candidate {
  qAt: number;
  gradAt: number;
  q: Float64Array;
  grad: Float64Array;
  logDensity = Number.NaN;
  energy = Number.NaN;

  constructor(readonly space: Workspace) {
    this.qAt = space.allocate();
    this.gradAt = space.allocate();
    this.q = space.view(this.qAt);
    this.grad = space.view(this.gradAt);
  }

  copyFrom(other: Candidate): void {
    this.space.copy(this.qAt, other.qAt);
    this.space.copy(this.gradAt, other.gradAt);
    this.logDensity = other.logDensity;
    this.energy = other.energy;
  }

  copyFromPoint(point: PhasePoint, energy: number): void {
    this.space.copy(this.qAt, point.qAt);
    this.space.copy(this.gradAt, point.gradAt);
    this.logDensity = point.logDensity;
    this.energy = energy;
  }

  /** Becomes `other`, which gets this candidate's former vectors and values (no copying). */
  swapWith(other: Candidate): void {
    const { qAt, gradAt, q, grad, logDensity, energy } = this;
    this.qAt = other.qAt;
    this.gradAt = other.gradAt;
    this.q = other.q;
    this.grad = other.grad;
    this.logDensity = other.logDensity;
    this.energy = other.energy;
    other.qAt = qAt;
    other.gradAt = gradAt;
    other.q = q;
    other.grad = grad;
    other.logDensity = logDensity;
    other.energy = energy;
  }

  /**
   * Takes the gradient vector of `point` and gives it this candidate's former one (no copying),
   * for when the point's gradient is not read again: after its next step is opened.
   */
  swapGradientWith(point: PhasePoint): void {
    const { gradAt, grad } = this;
    this.gradAt = point.gradAt;
    this.grad = point.grad;
    point.gradAt = gradAt;
    point.grad = grad;
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
