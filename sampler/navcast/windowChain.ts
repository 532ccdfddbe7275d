/**
 * One NUTS chain of one window, optionally warm-started with a step size and an inverse metric
 * from the previous window (the sampler's windowed adaptation then refines both).
 */
import { collectChain, NutsChain, resolveOptions } from '../index.js';
import type { ChainResult, LogDensityTarget } from '../types.js';

/**
 * The parameterisation every fit samples (same posterior as the plain one): comp-whitened
 * shocks (b.8), anchored coordinates at distribution weeks, standardised globals and
 * NAV-whitened pivots (see sampler/models/navcast/anchoring.ts, parameters.ts
 * standardiseGlobals and navPivots.ts). Without anchoring and standardising, windows late in a
 * fund's life and the liquidation week adapt to step sizes near 1e-4; without the NAV pivots,
 * small sigma_n is a funnel and early windows diverge.
 */
export const FIT_PARAMETERISATION = { whitened: true, anchored: true, standardised: true, navWhitened: true } as const;

/** Settings of one window's chain. */
export interface WindowChainSettings {
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  readonly chain: number;
  readonly targetAcceptance: number;
  readonly maxTreeDepth: number;
  readonly initialPoint: Float64Array;
  readonly initialStepSize?: number;
  readonly inverseMetric?: Float64Array;
}

/** Runs the chain to the end and returns its draws, statistics and adapted step size and metric. */
export function runWindowChain(target: LogDensityTarget, s: WindowChainSettings): ChainResult {
  const { chainConfigs } = resolveOptions(
    {
      chains: 1,
      warmup: s.warmup,
      draws: s.draws,
      seed: s.seed,
      targetAcceptance: s.targetAcceptance,
      maxTreeDepth: s.maxTreeDepth,
      initialPoints: [s.initialPoint],
      ...(s.initialStepSize === undefined ? {} : { initialStepSize: s.initialStepSize }),
    },
    target.dim,
  );
  const chain = NutsChain.start(target, chainConfigs[0], s.seed, s.chain);
  if (s.inverseMetric !== undefined && s.warmup > 0) {
    chain.kernel.inverseMetric.set(s.inverseMetric);
    chain.kernel.initStepSize();
  }
  return collectChain(chain);
}
