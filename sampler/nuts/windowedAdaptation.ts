import { SamplerError } from './errors.js';

/** Saved state of {@link WindowedVarianceAdaptation}. */
export interface WindowedAdaptationState {
  readonly counter: number;
  readonly windowSize: number;
  readonly nextWindow: number;
  readonly count: number;
  readonly mean: readonly number[];
  readonly m2: readonly number[];
}

/** Stan's default buffers (CmdStan arg_adapt): init_buffer 75, term_buffer 50, window 25. */
const INIT_BUFFER = 75;
const TERM_BUFFER = 50;
const BASE_WINDOW = 25;

/**
 * Stan's windowed_adaptation + var_adaptation (docs/nuts.md §1.6): a fast initial buffer, then
 * doubling slow windows in which draws feed a Welford variance, each window ending with a
 * regularised diagonal metric (n/(n+5)) var + 1e-3 (5/(n+5)), then a terminal buffer. With
 * fewer than 20 warm-up iterations the metric is never adapted; when 75 + 25 + 50 do not fit,
 * the buffers become 15% / 75% / 10% of the warm-up.
 */
export class WindowedVarianceAdaptation {
  readonly numWarmup: number;
  readonly initBuffer: number;
  readonly termBuffer: number;
  readonly baseWindow: number;
  private counter = 0;
  private windowSize = 0;
  private nextWindow = 0;
  private count = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(numWarmup: number, dim: number) {
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dim);
    if (numWarmup < 20) {
      // Stan leaves num_warmup_ = 0 here, which switches every window test off.
      [this.numWarmup, this.initBuffer, this.termBuffer, this.baseWindow] = [0, 0, 0, 0];
      this.nextWindow = -1;
      return;
    }
    this.numWarmup = numWarmup;
    if (INIT_BUFFER + BASE_WINDOW + TERM_BUFFER > numWarmup) {
      this.initBuffer = Math.floor(0.15 * numWarmup);
      this.termBuffer = Math.floor(0.1 * numWarmup);
      this.baseWindow = numWarmup - (this.initBuffer + this.termBuffer);
    } else {
      [this.initBuffer, this.termBuffer, this.baseWindow] = [INIT_BUFFER, TERM_BUFFER, BASE_WINDOW];
    }
    this.windowSize = this.baseWindow;
    this.nextWindow = this.initBuffer + this.windowSize - 1;
  }

  /**
   * Feeds the draw of one warm-up iteration. Returns true when a window just closed and
   * `inverseMetric` was overwritten; the caller then re-runs the step-size heuristic and
   * restarts dual averaging.
   */
  learn(q: Float64Array, inverseMetric: Float64Array): boolean {
    if (this.inWindow()) this.addSample(q);
    if (this.endOfWindow()) {
      this.computeNextWindow();
      const n = this.count;
      if (n > 1) {
        for (let i = 0; i < inverseMetric.length; i++) {
          const variance = this.m2[i] / (n - 1);
          inverseMetric[i] = (n / (n + 5)) * variance + 1e-3 * (5 / (n + 5));
        }
      }
      if (!inverseMetric.every(Number.isFinite)) {
        throw new SamplerError(
          'SAMPLER_METRIC_NOT_FINITE',
          'Numerical overflow in metric adaptation: the draws reached extreme values on the unconstrained scale; the posterior may be improper or too wide.',
        );
      }
      this.restartEstimator();
      this.counter += 1;
      return true;
    }
    this.counter += 1;
    return false;
  }

  /** Closed-window ends as 0-based inclusive [first, last] iteration ranges of the whole schedule. */
  static windows(numWarmup: number): Array<[number, number]> {
    const schedule = new WindowedVarianceAdaptation(numWarmup, 0);
    const result: Array<[number, number]> = [];
    let start = -1;
    for (let it = 0; it < numWarmup; it++) {
      if (start < 0 && schedule.inWindow()) start = it;
      if (schedule.learn(new Float64Array(0), new Float64Array(0))) {
        result.push([start, it]);
        start = -1;
      }
    }
    return result;
  }

  saveState(): WindowedAdaptationState {
    return {
      counter: this.counter,
      windowSize: this.windowSize,
      nextWindow: this.nextWindow,
      count: this.count,
      mean: Array.from(this.mean),
      m2: Array.from(this.m2),
    };
  }

  restoreState(state: WindowedAdaptationState): void {
    ({ counter: this.counter, windowSize: this.windowSize, nextWindow: this.nextWindow, count: this.count } = state);
    this.mean.set(state.mean);
    this.m2.set(state.m2);
  }

  private inWindow(): boolean {
    return this.counter >= this.initBuffer && this.counter < this.numWarmup - this.termBuffer && this.counter !== this.numWarmup;
  }

  private endOfWindow(): boolean {
    return this.counter === this.nextWindow && this.counter !== this.numWarmup;
  }

  private computeNextWindow(): void {
    const lastSlow = this.numWarmup - this.termBuffer - 1;
    if (this.nextWindow === lastSlow) return;
    this.windowSize *= 2;
    this.nextWindow = this.counter + this.windowSize;
    if (this.nextWindow === lastSlow) return;
    // Stretch this window to the end when the following one would not fit.
    if (this.nextWindow + 2 * this.windowSize >= this.numWarmup - this.termBuffer) this.nextWindow = lastSlow;
  }

  /** Welford update as stan math welford_var_estimator. */
  private addSample(q: Float64Array): void {
    this.count += 1;
    const n = this.count;
    for (let i = 0; i < q.length; i++) {
      const delta = q[i] - this.mean[i];
      this.mean[i] += delta / n;
      this.m2[i] += (q[i] - this.mean[i]) * delta;
    }
  }

  private restartEstimator(): void {
    this.count = 0;
    this.mean.fill(0);
    this.m2.fill(0);
  }
}
