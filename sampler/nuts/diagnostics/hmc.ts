import type { ChainStats } from '../types.js';

/*
 * Sampler-level HMC diagnostics from per-draw statistics: E-BFMI per chain, divergence and
 * tree-depth saturation counts. Inputs are per chain, post-warm-up draws only.
 */

/**
 * Energy Bayesian fraction of missing information of one chain (Betancourt 2016):
 * sum_n (E_n - E_{n-1})^2 / sum_n (E_n - mean E)^2, which equals ArviZ's
 * mean(diff(E)^2) / var(E, ddof=1). rstan's get_bfmi divides by N instead of N-1 in the
 * numerator's mean and so is (N-1)/N times this. Values below 0.3 suggest the momentum
 * resampling explores the energy distribution poorly. NaN for fewer than two draws, a
 * constant or a non-finite energy.
 */
export function eBfmi(energy: ArrayLike<number>): number {
  const n = energy.length;
  if (n < 2) return Number.NaN;
  let m = 0;
  for (let i = 0; i < n; i++) m += energy[i];
  m /= n;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const d = energy[i] - m;
    denominator += d * d;
    if (i > 0) {
      const step = energy[i] - energy[i - 1];
      numerator += step * step;
    }
  }
  return numerator / denominator;
}

/** E-BFMI of every chain. */
export function eBfmiPerChain(energies: ReadonlyArray<ArrayLike<number>>): number[] {
  return energies.map((e) => eBfmi(e));
}

/** Per-chain counts and their total. */
export interface ChainCounts {
  readonly total: number;
  readonly perChain: readonly number[];
}

function countPerChain<T>(chains: ReadonlyArray<ArrayLike<T>>, hit: (v: T) => boolean): ChainCounts {
  const perChain = chains.map((chain) => {
    let count = 0;
    for (let i = 0; i < chain.length; i++) if (hit(chain[i])) count++;
    return count;
  });
  return { total: perChain.reduce((s, c) => s + c, 0), perChain };
}

/** Number of divergent transitions (a truthy flag or a non-zero number marks one). */
export function countDivergences(divergent: ReadonlyArray<ArrayLike<boolean | number>>): ChainCounts {
  return countPerChain(divergent, (v) => v === true || (typeof v === 'number' && v !== 0));
}

/**
 * Number of transitions whose tree depth reached the maximum (Stan counts depth >= max_depth:
 * the trajectory was cut short rather than stopped by the no-U-turn criterion).
 */
export function countTreeDepthSaturation(treeDepth: ReadonlyArray<ArrayLike<number>>, maxTreeDepth: number): ChainCounts {
  return countPerChain(treeDepth, (depth) => depth >= maxTreeDepth);
}

/** The HMC checks of one run (Stan's and rstan's post-sampling warnings). */
export interface HmcDiagnostics {
  readonly divergences: ChainCounts;
  readonly treeDepthSaturation: ChainCounts;
  readonly eBfmi: readonly number[];
}

/** Divergences, tree-depth saturation against maxTreeDepth, and E-BFMI of every chain. */
export function hmcDiagnostics(chains: ReadonlyArray<{ readonly stats: Pick<ChainStats, 'divergent' | 'treeDepth' | 'energy'> }>, maxTreeDepth: number): HmcDiagnostics {
  return {
    divergences: countDivergences(chains.map((c) => c.stats.divergent)),
    treeDepthSaturation: countTreeDepthSaturation(
      chains.map((c) => c.stats.treeDepth),
      maxTreeDepth,
    ),
    eBfmi: eBfmiPerChain(chains.map((c) => c.stats.energy)),
  };
}
