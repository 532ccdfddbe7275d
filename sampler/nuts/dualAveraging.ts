/** Saved state of {@link DualAveraging}. */
export interface DualAveragingState {
  readonly mu: number;
  readonly counter: number;
  readonly sBar: number;
  readonly xBar: number;
}

/**
 * Nesterov dual averaging of log(step size), Stan's stepsize_adaptation (docs/nuts.md §1.5), with
 * Stan's constants gamma = 0.05, t0 = 10, kappa = 0.75 and the target delta given.
 */
export class DualAveraging {
  static readonly gamma = 0.05;
  static readonly t0 = 10;
  static readonly kappa = 0.75;

  /** Shrinkage centre, log(10 * step size) at the start of each adaptation stage. */
  mu = 0;
  private counter = 0;
  private sBar = 0;
  private xBar = 0;

  constructor(private readonly delta: number) {}

  restart(): void {
    this.counter = 0;
    this.sBar = 0;
    this.xBar = 0;
  }

  /** Feeds one acceptance statistic and returns the next step size exp(x). */
  learn(acceptStat: number): number {
    this.counter += 1;
    const a = acceptStat > 1 ? 1 : acceptStat;
    const eta = 1 / (this.counter + DualAveraging.t0);
    this.sBar = (1 - eta) * this.sBar + eta * (this.delta - a);
    const x = this.mu - (this.sBar * Math.sqrt(this.counter)) / DualAveraging.gamma;
    const xEta = this.counter ** -DualAveraging.kappa;
    this.xBar = (1 - xEta) * this.xBar + xEta * x;
    return Math.exp(x);
  }

  /** Step size after warm-up: exp of the averaged iterate. */
  finalStepSize(): number {
    return Math.exp(this.xBar);
  }

  saveState(): DualAveragingState {
    return { mu: this.mu, counter: this.counter, sBar: this.sBar, xBar: this.xBar };
  }

  restoreState(state: DualAveragingState): void {
    ({ mu: this.mu, counter: this.counter, sBar: this.sBar, xBar: this.xBar } = state);
  }
}
