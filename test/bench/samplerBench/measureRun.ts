/**
 * Timed sampler runs for the benchmark: gradient evaluations per second, minimum ESS per
 * second, and the share of run time spent outside the log density (the sampler's own
 * leapfrog and tree bookkeeping), measured two ways: in one run, by timing every target call
 * with performance.now against the run's CPU time (measureOverhead: the figure reported), and
 * as a cross-check without any timer in the hot path, from the process CPU times of two runs
 * with the log density evaluated once and twice per call (the draws are identical, so the
 * difference is one more set of evaluations; but the second evaluation at the same point
 * finds its data in cache, and separate runs see different load, so it is noisy).
 */
import { performance } from 'node:perf_hooks';
import { countDivergences, countTreeDepthSaturation, essBulk, essTail } from '../../../sampler/nuts/diagnostics/index.js';
import { sample, type LogDensityTarget, type SampleOptions } from '../../../sampler/nuts/index.js';
import { constrainDraws, type ConstrainableTarget } from '../../../sampler/models/kit/index.js';

/** Cost of the timer itself, in ms, from a calibration loop. */
export interface TimerCost {
  /** Mean measured length of an empty interval: the bias in each timed call. */
  perInterval: number;
  /** CPU time the two timer calls and the bookkeeping of a timed call add to each wrapped call. */
  perCall: number;
}

/**
 * Measures the timer bias and cost over `loops` empty intervals timed as measureOverhead
 * times a call, in CPU time, with intervals during which the thread was descheduled counted
 * at the median (as measureOverhead does), so that load does not inflate what is subtracted.
 */
export function calibrateTimer(loops = 1_000_000): TimerCost {
  const durations = new Float64Array(loops);
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < loops; i++) {
    const a = performance.now();
    durations[i] = performance.now() - a;
  }
  const cpuMs = cpuSecondsSince(cpuStarted) * 1000;
  return { perInterval: robustSum(durations).sum / loops, perCall: cpuMs / loops };
}

/** A timed interval this much longer than the median was descheduled, not computing. */
const OUTLIER_FACTOR = 10;

/** Sum of intervals with those over OUTLIER_FACTOR x the median counted at the median. */
function robustSum(durations: Float64Array): { sum: number; outliers: number } {
  const median = Float64Array.from(durations).sort()[durations.length >> 1];
  let sum = 0;
  let outliers = 0;
  for (const took of durations) {
    if (took > OUTLIER_FACTOR * median) {
      outliers++;
      sum += median;
    } else sum += took;
  }
  return { sum, outliers };
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
    treeDepthSaturated: countTreeDepthSaturation(
      result.chains.map((c) => c.stats.treeDepth),
      options.maxTreeDepth ?? 10,
    ).total,
  };
}

/** Time split of a run with every gradient call timed. */
export interface OverheadFigures {
  /**
   * 1 - (time inside the log density) / (total), both in CPU time of this process: the total
   * from process.cpuUsage over the whole run, the inside from the timed calls with calls
   * that were descheduled replaced by the median call (see measureOverhead). Timer costs are
   * subtracted from both.
   */
  overheadFraction: number;
  /** The same split in wall time, calls taken as timed: inflated or deflated by preemption on a busy machine. */
  wallOverheadFraction: number;
  gradientSeconds: number;
  totalSeconds: number;
  calls: number;
  /** Calls longer than 10 x the median, counted at the median (the thread was descheduled). */
  outliers: number;
  timer: TimerCost;
}

/**
 * Runs `sample` with each gradient call timed, and splits the run time. Bookkeeping is
 * everything in the run but the target's logDensityGradient calls: the leapfrog and tree
 * passes, momentum draws, multinomial selection, adaptation, storing draws, and the garbage
 * collection and compilation threads of this process. On a shared machine the thread is
 * descheduled now and then; CPU time (process.cpuUsage) does not count those pauses, and a
 * call during which one happened is counted at the median call time (a gradient of fixed
 * size costs nearly the same every time), so neither side absorbs the other's waiting.
 */
export function measureOverhead(target: LogDensityTarget, options: SampleOptions, timer: TimerCost): OverheadFigures {
  let calls = 0;
  let durations = new Float64Array(1 << 16);
  const timed: LogDensityTarget = {
    dim: target.dim,
    logDensityGradient(q, grad) {
      const a = performance.now();
      const value = target.logDensityGradient(q, grad);
      const took = performance.now() - a;
      if (calls === durations.length) {
        const grown = new Float64Array(2 * calls);
        grown.set(durations);
        durations = grown;
      }
      durations[calls++] = took;
      return value;
    },
  };
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  sample(timed, options);
  const cpuMs = cpuSecondsSince(cpuStarted) * 1000;
  const wall = performance.now() - started;
  const taken = durations.subarray(0, calls);
  let inside = 0;
  for (const took of taken) inside += took;
  const { sum: robustInside, outliers } = robustSum(taken);
  const gradientMs = robustInside - calls * timer.perInterval;
  const totalMs = cpuMs - calls * timer.perCall;
  return {
    overheadFraction: 1 - gradientMs / totalMs,
    wallOverheadFraction: 1 - (inside - calls * timer.perInterval) / (wall - calls * timer.perCall), // perCall is CPU time: a lower bound under load
    gradientSeconds: gradientMs / 1000,
    totalSeconds: totalMs / 1000,
    calls,
    outliers,
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
