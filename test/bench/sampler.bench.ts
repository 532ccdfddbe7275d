/**
 * Sampler benchmark (`npm run bench:sampler`): gradient evaluations per second and minimum
 * ESS per second for the posteriordb reference posteriors and the AR(1) state-space
 * posterior (T = 500, d = 504); the sampler's own share of run time on the AR(1) posterior
 * and on the NAVcast model posterior (one chain of 150 + 150, see samplerBench/navcastOverhead.ts);
 * NumPyro on the same AR(1) posterior and data where Python is available.
 *
 * Every run: 4 chains x (1000 warm-up + 1000 draws), chains one after another in this thread
 * (NumPyro likewise: chain_method="sequential" on one CPU device), Stan's default controls.
 * Times include warm-up; gradients and ESS per second are per wall-clock second, so they fall
 * when the machine is busy. overheadFraction is the share of the run's CPU time outside the
 * target's logDensityGradient calls (samplerBench/measureRun.ts, measureOverhead); the
 * per-pass breakdown is `npx tsx test/bench/samplerBreakdown.ts`. ar1LeapfrogFloorFraction is
 * the same share for a bare leapfrog integration (samplerBench/leapfrogFloor.ts): the gradient
 * and the one pass over the vectors that every step needs, with no NUTS bookkeeping at all.
 * The last line printed is one JSON object.
 *
 * Flags: --skip-posteriordb, --skip-numpyro, --only <posterior name>.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SampleOptions } from '../../sampler/nuts/index.js';
import { ar1StateSpace, simulateAr1StateSpace } from '../../sampler/models/ar1StateSpace.js';
import { referencePosteriors } from '../../sampler/models/posteriordb/index.js';
import { loadPosteriordbData } from '../validation/referenceData.js';
import { calibrateTimer, measureByDifference, measureOverhead, measureRun, type DifferenceFigures, type OverheadFigures, type RunFigures } from './samplerBench/measureRun.js';
import { measureLeapfrogFloor } from './samplerBench/leapfrogFloor.js';
import { measureNavcastOverhead } from './samplerBench/navcastOverhead.js';
import { runNumpyro } from './samplerBench/numpyroReference.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const RUN: SampleOptions = { chains: 4, warmup: 1000, draws: 1000, seed: 20240611 };

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, digits = 0) => x.toFixed(digits).padStart(10);

function row(name: string, f: RunFigures): string {
  return (
    `${pad(name, 42)}${num(f.seconds, 2)}${num(f.gradients)}${num(f.gradientsPerSecond)}` +
    `${num(f.minEssBulk)}${num(f.minEssTail)}${num(f.minEssBulkPerSecond, 1)}${num(f.divergences)}${num(f.treeDepthSaturated)}`
  );
}

console.log(`${pad('posterior', 42)}${['seconds', 'gradients', 'grad/s', 'minBulk', 'minTail', 'bulk/s', 'diverg', 'maxdepth'].map((h) => h.padStart(10)).join('')}`);

if (!args.includes('--skip-posteriordb')) {
  for (const entry of referencePosteriors) {
    if (entry.dataName === null || (only !== undefined && entry.name !== only)) continue;
    const target = entry.create(loadPosteriordbData(entry.dataName));
    console.log(row(entry.name, measureRun(target, RUN)));
  }
}

const data = simulateAr1StateSpace();
const ar1 = ar1StateSpace(data);
const ar1Figures = measureRun(ar1, RUN);
console.log(row(`ar1StateSpace (T=500, d=${ar1.dim})`, ar1Figures));

function printSplit(name: string, timed: OverheadFigures, difference: DifferenceFigures): void {
  const { timer } = timed;
  console.log(
    `${name} time split: ${timed.gradientSeconds.toFixed(3)} CPU s in logDensityGradient of ${timed.totalSeconds.toFixed(3)} CPU s ` +
      `(${timed.calls} calls, ${((timed.gradientSeconds / timed.calls) * 1e6).toFixed(2)} us each, ` +
      `${(((timed.totalSeconds - timed.gradientSeconds) / timed.calls) * 1e6).toFixed(2)} us of bookkeeping per call; ` +
      `${timed.outliers} descheduled calls counted at the median; timer bias ${(timer.perInterval * 1e6).toFixed(0)} ns, ` +
      `cost ${(timer.perCall * 1e6).toFixed(0)} ns per call subtracted): sampler overhead fraction ${timed.overheadFraction.toFixed(4)} ` +
      `(in wall time ${timed.wallOverheadFraction.toFixed(4)}); untimed, by CPU time with the gradient once ` +
      `(${difference.singleCpuSeconds.toFixed(3)} s) and twice (${difference.doubledCpuSeconds.toFixed(3)} s): ` +
      `${difference.overheadFraction.toFixed(4)} (separate runs: noisy under load)`,
  );
}

const timer = calibrateTimer();
const overhead = measureOverhead(ar1, RUN, timer);
const overheadByDifference = measureByDifference(ar1, RUN, ar1Figures.cpuSeconds);
printSplit('AR(1)', overhead, overheadByDifference);
const floor = measureLeapfrogFloor(ar1, RUN.seed ?? 1);
console.log(
  `AR(1) bare leapfrog floor (gradient + one kickDrift pass, nothing else; best of alternating rounds, CPU time): ` +
    `gradient ${floor.gradientNs.toFixed(0)} ns, bare step ${floor.bareStepNs.toFixed(0)} ns, ` +
    `fraction outside the gradient ${floor.floorFraction.toFixed(4)} (the leapfrog pass alone, before any NUTS bookkeeping)`,
);
const navcast = measureNavcastOverhead(root, timer);
printSplit(`NAVcast (d=${navcast.dim})`, navcast.timed, navcast.difference);

const numpyro = args.includes('--skip-numpyro') ? { ok: false as const, reason: 'skipped (--skip-numpyro)' } : runNumpyro(root, data, RUN);
if (numpyro.ok) {
  console.log(
    `NumPyro (${numpyro.versions}) AR(1): ${numpyro.seconds.toFixed(1)} s incl. compilation, ${numpyro.gradients} gradients ` +
      `(${(numpyro.gradients / numpyro.seconds).toFixed(0)}/s), min bulk ESS ${numpyro.minEssBulk.toFixed(0)}, ` +
      `${numpyro.minEssBulkPerSecond.toFixed(2)}/s; ratio ours/NumPyro ${(ar1Figures.minEssBulkPerSecond / numpyro.minEssBulkPerSecond).toFixed(1)}`,
  );
} else {
  console.log(`NumPyro comparison unavailable: ${numpyro.reason}`);
}

console.log(
  JSON.stringify({
    ar1GradientsPerSec: ar1Figures.gradientsPerSecond,
    ar1MinEssPerSec: ar1Figures.minEssBulkPerSecond,
    // The timed split in CPU time (measureRun.ts, measureOverhead): inside and outside are
    // measured in the same run, so load that comes and goes on a shared machine affects both
    // alike. The CPU-time difference printed above compares separate runs and varies by tens
    // of percent on a loaded machine.
    overheadFraction: overhead.overheadFraction,
    ar1LeapfrogFloorFraction: floor.floorFraction,
    navcastOverheadFraction: navcast.timed.overheadFraction,
    numpyroMinEssPerSec: numpyro.ok ? numpyro.minEssBulkPerSecond : null,
    essPerSecRatioVsNumpyro: numpyro.ok ? ar1Figures.minEssBulkPerSecond / numpyro.minEssBulkPerSecond : null,
  }),
);
