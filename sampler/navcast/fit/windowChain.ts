/**
 * One NUTS chain of one window through the sampler's public API: `sample` with the window's
 * chain index as firstChain and, for a warm start, the previous window's last draw, step size
 * and inverse metric (the windowed adaptation then refines both).
 */
import { sample, type ChainResult, type LogDensityTarget, type WarmStart } from '../../nuts/index.js';

/** Settings of one window's chain. */
export interface WindowChainSettings {
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  /** Index of the chain in the window: its random stream is (seed, chain). */
  readonly chain: number;
  readonly targetAcceptance: number;
  readonly maxTreeDepth: number;
  readonly initialPoint: Float64Array;
  readonly initialStepSize?: number;
  readonly inverseMetric?: Float64Array;
}

/** Runs the chain to the end and returns its draws, statistics and adapted step size and metric. */
export function runWindowChain(target: LogDensityTarget, s: WindowChainSettings): ChainResult {
  const start: WarmStart = {
    position: s.initialPoint,
    ...(s.initialStepSize === undefined ? {} : { stepSize: s.initialStepSize }),
    ...(s.inverseMetric === undefined ? {} : { inverseMetric: s.inverseMetric }),
  };
  const { chains } = sample(target, {
    chains: 1,
    firstChain: s.chain,
    warmup: s.warmup,
    draws: s.draws,
    seed: s.seed,
    targetAcceptance: s.targetAcceptance,
    maxTreeDepth: s.maxTreeDepth,
    warmStarts: [start],
  });
  return chains[0];
}
