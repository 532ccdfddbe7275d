/**
 * Samples one catalogue posterior with the project's NUTS and returns its draws on the
 * constrained scale with the sampler's health counts and cost.
 */
import { performance } from 'node:perf_hooks';
import { countDivergences, countTreeDepthSaturation } from '../../sampler/nuts/diagnostics/index.js';
import { DEFAULT_TARGET_ACCEPTANCE, sample, sampleInWorkers, type SampleOptions, type SampleResult } from '../../sampler/nuts/index.js';
import { constrainDraws, type ConstrainableTarget } from '../../sampler/models/kit/index.js';
import type { ReferencePosterior } from '../../sampler/models/posteriordb/index.js';
import { loadPosteriordbData } from './referenceData.js';

/** Result of one validation run. */
export interface PosteriorRun {
  /** Constrained draws: parameter name -> chains x iterations. */
  draws: Map<string, Float64Array[]>;
  divergences: number;
  /** Post-warm-up iterations that hit the maximum tree depth. */
  treeDepthSaturated: number;
  /** Leapfrog steps (gradient evaluations) over warm-up and sampling, all chains. */
  gradients: number;
  seconds: number;
  stepSizes: number[];
  targetAcceptance: number;
  maxTreeDepth: number;
  result: SampleResult;
}

/** The target of a catalogue entry, built from its posteriordb data. */
export function buildTarget(entry: ReferencePosterior): { target: ConstrainableTarget; data: unknown } {
  const data = entry.dataName === null ? null : loadPosteriordbData(entry.dataName);
  return { target: entry.create(data), data };
}

/** Samples `entry` (in `workers` worker threads when more than 1) and constrains every draw. */
export async function runPosterior(entry: ReferencePosterior, options: SampleOptions, workers = 1): Promise<PosteriorRun> {
  const { target, data } = buildTarget(entry);
  const started = performance.now();
  const result = workers > 1 ? await sampleInWorkers({ module: entry.module, exportName: entry.exportName, args: data }, { ...options, workers }) : sample(target, options);
  const seconds = (performance.now() - started) / 1000;
  const constrained = constrainDraws(target, result);
  const draws = new Map<string, Float64Array[]>(target.parameterNames.map((name, p) => [name, constrained[p]]));
  const maxDepth = options.maxTreeDepth ?? 10;
  let gradients = 0;
  for (const chain of result.chains) {
    for (const stats of [chain.stats, chain.warmupStats]) {
      if (stats !== undefined) for (const n of stats.nLeapfrog) gradients += n;
    }
  }
  return {
    draws,
    divergences: countDivergences(result.chains.map((c) => c.stats.divergent)).total,
    treeDepthSaturated: countTreeDepthSaturation(
      result.chains.map((c) => c.stats.treeDepth),
      maxDepth,
    ).total,
    gradients,
    seconds,
    stepSizes: result.chains.map((c) => c.stepSize),
    targetAcceptance: options.targetAcceptance ?? DEFAULT_TARGET_ACCEPTANCE,
    maxTreeDepth: maxDepth,
    result,
  };
}
