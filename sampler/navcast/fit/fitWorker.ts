/**
 * Worker thread of {@link fitFund}: runs its share of the chains through every window in order,
 * each window warm-started from the same chain's previous window (last draw, step size,
 * metric), and posts each chain's result as soon as it is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ChainResult } from '../../nuts/index.js';
import type { PreparedFund } from '../data/prepare.js';
import type { NavcastTarget } from '../model/index.js';
import { deriveSeed, namedStream } from '../model/streams.js';
import type { FitConfig } from './fitConfig.js';
import { extendMetric, firstWindowStart, priorMetric, warmStart } from './warmStart.js';
import { runWindowChain } from './windowChain.js';
import { windowTarget } from './windowTarget.js';

/** workerData of a fit worker. */
export interface FitJob {
  readonly prepared: PreparedFund;
  readonly windows: readonly number[];
  readonly chains: readonly number[];
  readonly config: FitConfig;
}

/** Messages a fit worker posts. */
export type FitMessage =
  | { readonly kind: 'chain'; readonly window: number; readonly chain: number; readonly seconds: number; readonly result: ChainResult }
  | { readonly kind: 'error'; readonly window: number; readonly chain: number; readonly message: string };

interface ChainCarry {
  readonly target: NavcastTarget;
  readonly last: Float64Array;
  readonly stepSize: number;
  readonly inverseMetric: Float64Array;
}

/** Runs `job`, posting one message per (window, chain). */
export function runFitJob(job: FitJob, post: (message: FitMessage, transfer: ArrayBuffer[]) => void): void {
  const { prepared, config } = job;
  const carry = new Map<number, ChainCarry>();
  job.windows.forEach((tau, window) => {
    const target = windowTarget(prepared, tau);
    for (const chain of job.chains) {
      const started = performance.now();
      const previous = carry.get(chain);
      try {
        const initialPoint = previous
          ? warmStart(previous.target, previous.last, target, prepared.fund)
          : firstWindowStart(target, prepared.fund, prepared.priors, namedStream(config.seed, `init:${chain}`));
        const result = runWindowChain(target, {
          warmup: previous ? config.warmupNext : config.warmup,
          draws: config.draws,
          seed: deriveSeed(config.seed, 'window', tau),
          chain,
          targetAcceptance: config.targetAcceptance,
          maxTreeDepth: config.maxTreeDepth,
          initialPoint,
          ...(previous ? { initialStepSize: previous.stepSize, inverseMetric: extendMetric(previous.inverseMetric, target) } : { inverseMetric: priorMetric(target) }),
        });
        carry.set(chain, { target, last: Float64Array.from(result.draws[result.draws.length - 1]), stepSize: result.stepSize, inverseMetric: Float64Array.from(result.inverseMetric) });
        const buffers = [...result.draws, result.inverseMetric].map((a) => a.buffer as ArrayBuffer);
        post({ kind: 'chain', window, chain, seconds: (performance.now() - started) / 1000, result }, buffers);
      } catch (error) {
        carry.delete(chain); // the next window starts this chain afresh
        post({ kind: 'error', window, chain, message: error instanceof Error ? error.message : String(error) }, []);
      }
    }
  });
}

if (parentPort !== null) {
  const port = parentPort;
  runFitJob(workerData as FitJob, (message, transfer) => port.postMessage(message, transfer));
}
