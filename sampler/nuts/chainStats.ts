import type { NutsKernel } from './nutsKernel.js';
import type { ChainStats } from './types.js';

/** Fixed-capacity columns of per-iteration sampler statistics. */
export class ChainStatsRecorder {
  private readonly stats: ChainStats;
  private length = 0;

  constructor(capacity: number) {
    this.stats = {
      stepSize: new Float64Array(capacity),
      treeDepth: new Int32Array(capacity),
      nLeapfrog: new Int32Array(capacity),
      divergent: new Uint8Array(capacity),
      energy: new Float64Array(capacity),
      acceptStat: new Float64Array(capacity),
      logDensity: new Float64Array(capacity),
    };
  }

  /** Appends the statistics of the kernel's last transition, run with step size `stepSize`. */
  record(kernel: NutsKernel, stepSize: number): void {
    const i = this.length++;
    const s = this.stats;
    s.stepSize[i] = stepSize;
    s.treeDepth[i] = kernel.depth;
    s.nLeapfrog[i] = kernel.nLeapfrog;
    s.divergent[i] = kernel.divergent ? 1 : 0;
    s.energy[i] = kernel.current.energy;
    s.acceptStat[i] = kernel.acceptStat;
    s.logDensity[i] = kernel.current.logDensity;
  }

  finish(): ChainStats {
    return this.stats;
  }
}
