/**
 * Timed sampler runs for the benchmark: gradient evaluations per second, minimum ESS per
 * second, and the share of run time spent outside the log density (the sampler's own
 * leapfrog and tree bookkeeping), measured two ways: by wrapping the target with
 * performance.now (timer cost subtracted), and without any timer in the hot path from the
 * process CPU time of the same run with the log density evaluated once and twice per call
 * (the draws are identical, so the difference is exactly one more set of evaluations).
 */
import { performance } from 'node:perf_hooks';
import { countDivergences, countTreeDepthSaturation, essBulk, essTail } from '../../../sampler/diagnostics/index.js';
import { sample, type LogDensityTarget, type SampleOptions } from '../../../sampler/index.js';
import { constrainDraws, type ConstrainableTarget } from '../../../sampler/models/kit/index.js';

/** Cost of the timer itself, in ms, from a calibration loop. */
export interface TimerCost {
  /** Mean measured length of an empty interval: the bias in each timed call. */
  perInterval: number;
  /** Wall time the two timer calls add to each wrapped call. */
  perCall: number;
}

/** Measures the timer bias and cost over `loops` empty intervals. */
export function calibrateTimer(loops = 2_000_000): TimerCost {
  let measured = 0;
  const started = performance.now();
  for (let i = 0; i < loops; i++) {
    const a = performance.now();
    measured += performance.now() - a;
  }
  return { perInterval: measured / loops, perCall: (performance.now() - started) / loops };
}

/** Minimum bulk and tail ESS over constrained draws (chains x iterations per parameter). */
export function minimumEss(draws: Float64Array[][]): { bulk: number; tail: number } {
  let bulk = Number.POSITIVE_INFINITY;
  let tail = Number.POSITIVE_INFINITY;
  for (const parameter of draws) {
    bulk = Math.min(bulk, essBulk(parameter));
    tail = Math.min(tail, essTail(parameter));
  }
  return { bulk, tail };
}

/** One benchmark run's figures. */
export interface RunFigures {
  seconds: number;
  /** CPU seconds of this process during the run (less sensitive to other load than wall time). */
  cpuSeconds: number;
  gradients: number;
  gradientsPerSecond: number;
  minEssBulk: number;
  minEssTail: number;
  minEssBulkPerSecond: number;
  divergences: number;
  treeDepthSaturated: number;
}

/** Runs `sample` with a call-counting wrapper and returns speed and ESS figures. */
export function measureRun(target: ConstrainableTarget, options: SampleOptions): RunFigures {
  let gradients = 0;
  const counted: LogDensityTarget = {
    dim: target.dim,
    logDensityGradient(q, grad) {
      gradients++;
      return target.logDensityGradient(q, grad);
    },
  };
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = sample(counted, options);
  const cpuSeconds = cpuSecondsSince(cpuStarted);
  const seconds = (performance.now() - started) / 1000;
  const ess = minimumEss(constrainDraws(target, result));
  return {
    seconds,
    cpuSeconds,
    gradients,
    gradientsPerSecond: gradients / seconds,
    minEssBulk: ess.bulk,
    minEssTail: ess.tail,
    minEssBulkPerSecond: ess.bulk / seconds,
    divergences: countDivergences(result.chains.map((c) => c.stats.divergent)).total,
    treeDepthSaturated: countTreeDepthSaturation(result.chains.map((c) => c.stats.treeDepth), options.maxTreeDepth ?? 10).total,
  };
}

/** Time split of a run with every gradient call timed. */
export interface OverheadFigures {
  /** 1 - (time inside the log density) / (total), both corrected for the timer's cost. */
  overheadFraction: number;
  gradientSeconds: number;
  totalSeconds: number;
  calls: number;
  timer: TimerCost;
}

/** Runs `sample` with each gradient call timed, and splits the run time. */
export function measureOverhead(target: LogDensityTarget, options: SampleOptions, timer: TimerCost): OverheadFigures {
  let inside = 0;
  let calls = 0;
  const timed: LogDensityTarget = {
    dim: target.dim,
    logDensityGradient(q, grad) {
      const a = performance.now();
      const value = target.logDensityGradient(q, grad);
      inside += performance.now() - a;
      calls++;
      return value;
    },
  };
  const started = performance.now();
  sample(timed, options);
  const wall = performance.now() - started;
  const gradientMs = inside - calls * timer.perInterval;
  const totalMs = wall - calls * timer.perCall;
  return {
    overheadFraction: 1 - gradientMs / totalMs,
    gradientSeconds: gradientMs / 1000,
    totalSeconds: totalMs / 1000,
    calls,
    timer,
  };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** CPU seconds of `sample` on the target as given, and with every log density evaluated twice. */
export interface DifferenceFigures {
  singleCpuSeconds: number;
  doubledCpuSeconds: number;
  /** 1 - (doubled - single) / single: the share of the single run outside the log density. */
  overheadFraction: number;
}

/**
 * Overhead share without a timer in the hot path: the difference of CPU times between a run
 * whose target evaluates the log density twice per call (same draws) and the plain run is the
 * time of one set of evaluations. Pass the plain run's CPU seconds when it was already measured.
 */
export function measureByDifference(target: LogDensityTarget, options: SampleOptions, singleCpuSeconds?: number): DifferenceFigures {
  const twice: LogDensityTarget = {
    dim: target.dim,
    logDensityGradient(q, grad) {
      target.logDensityGradient(q, grad);
      return target.logDensityGradient(q, grad);
    },
  };
  let single = singleCpuSeconds;
  if (single === undefined) {
    const start = process.cpuUsage();
    sample(target, options);
    single = cpuSecondsSince(start);
  }
  const start = process.cpuUsage();
  sample(twice, options);
  const doubled = cpuSecondsSince(start);
  return { singleCpuSeconds: single, doubledCpuSeconds: doubled, overheadFraction: 1 - (doubled - single) / single };
}
