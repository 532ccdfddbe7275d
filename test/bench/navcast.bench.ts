/**
 * NAVcast benchmark (`npm run bench:navcast`, issue 5 item 12). On a simulated 10-year buyout
 * fund (seed 1, liquidated at week 520) in the fit parameterisation:
 *   gradientMicros        one log density + gradient at tau = 520 (d = 533), one thread, wall
 *                         microseconds, best of 7 batches (cpuMicros: process CPU time, same batch)
 *   fitSecondsLastWindow  `navcast fit --windows last`: 4 chains x (1000 + 1000), worker threads
 *   fundSecondsQuarterly  `navcast fit --windows quarterly`: every quarter end and the last week
 *   numpyroRatio          our min bulk ESS per second over NumPyro's on the same posterior
 *                         (window tau = 520, 4 chains run one after another in one thread on
 *                         both sides; see navcastComparison.ts), null when NumPyro is absent
 * Wall-clock figures fall when the machine is busy: the load average is printed with them.
 * Flags: --warmup N --draws N (every run; defaults 1000 and 1000), --compare-chains N (default
 * 4), --compare-warmup N --compare-draws N (default: --warmup, --draws), --numpyro-repeat (time
 * NumPyro's second, compiled run), --numpyro-limit SECONDS (default 1800: NumPyro's 4 x (1000 +
 * 1000) takes over 50 minutes here, its lax.scan over 520 weeks costs milliseconds per gradient;
 * past the limit the run is stopped and numpyroRatioAtLeast bounds the ratio from below, since
 * NumPyro's min bulk ESS is at most S log10 S for S draws), --skip-numpyro, --skip-quarterly,
 * --skip-fit. Our side of the comparison is printed before NumPyro starts. The last line printed
 * is one JSON object.
 */
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { naiveInitialPoint, navcastTarget } from '../../sampler/navcast/model/index.js';
import { FIT_PARAMETERISATION, fitFund, parseFitConfig, PRESETS, prepareFund, simulateFund } from '../../sampler/navcast/index.js';
import { compareWithNumpyro } from './navcastComparison.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const numberFlag = (name: string, fallback: number) => (flag(name) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const warmup = numberFlag('warmup', 1000);
const draws = numberFlag('draws', 1000);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const simulated = simulateFund(PRESETS.buyout, 1);
const prepared = prepareFund(simulated.input);
const T = simulated.input.liquidationWeek as number;

function gradientMicros(): { wall: number; cpu: number } {
  const target = navcastTarget(prepared.fund, { tau: T, ...FIT_PARAMETERISATION, priors: prepared.priors });
  const q = naiveInitialPoint(target, prepared.fund);
  const grad = new Float64Array(target.dim);
  let sink = 0;
  for (let i = 0; i < 30_000; i++) sink += target.logDensityGradient(q, grad);
  let best = { wall: Infinity, cpu: Infinity };
  for (let batch = 0; batch < 7; batch++) {
    const calls = 20_000;
    const cpu0 = process.cpuUsage(),
      wall0 = performance.now();
    for (let i = 0; i < calls; i++) sink += target.logDensityGradient(q, grad);
    const wall = ((performance.now() - wall0) * 1000) / calls;
    const used = process.cpuUsage(cpu0);
    if (wall < best.wall) best = { wall, cpu: (used.user + used.system) / calls };
  }
  if (!Number.isFinite(sink)) throw new Error('the benchmark point is infeasible');
  return best;
}

async function fitSeconds(windows: 'last' | 'quarterly'): Promise<{ seconds: number; windows: number; failed: number[] }> {
  const config = parseFitConfig({ windows, warmup, draws, seed: 1 });
  const started = performance.now();
  const { summary } = await fitFund(simulated.input, config);
  return { seconds: (performance.now() - started) / 1000, windows: summary.windows.length, failed: summary.failedWindows };
}

console.log(`NAVcast benchmark: simulated buyout fund seed 1 (T = ${T}), ${cpus().length} CPUs, load ${load()}, warm-up ${warmup}, draws ${draws}`);
const gradient = gradientMicros();
console.log(`gradient (tau ${T}, d 533, one thread): ${gradient.wall.toFixed(2)} us wall, ${gradient.cpu.toFixed(2)} us CPU; load ${load()}`);
const last = flag('skip-fit') ? null : await fitSeconds('last');
if (last) console.log(`fit, last window (4 chains): ${last.seconds.toFixed(1)} s, failed windows: ${last.failed.join(', ') || 'none'}; load ${load()}`);
const quarterly = flag('skip-fit') || flag('skip-quarterly') ? null : await fitSeconds('quarterly');
if (quarterly) console.log(`fit, ${quarterly.windows} quarterly windows (4 chains): ${quarterly.seconds.toFixed(1)} s, failed: ${quarterly.failed.join(', ') || 'none'}; load ${load()}`);
const compareRun = {
  chains: numberFlag('compare-chains', 4),
  warmup: numberFlag('compare-warmup', warmup),
  draws: numberFlag('compare-draws', draws),
  seed: 1,
  repeat: flag('numpyro-repeat'),
};
const numpyroRun = { skip: flag('skip-numpyro'), limitSeconds: numberFlag('numpyro-limit', 1800) };
const comparison = compareWithNumpyro(root, prepared.fund, prepared.priors, T, compareRun, numpyroRun, (o) =>
  console.log(`ours:    ${o.seconds.toFixed(1)} s, min bulk ESS ${o.minEssBulk.toFixed(0)}, ${o.essPerSecond.toFixed(2)} ESS/s, ${o.divergences} divergences; load ${load()}`),
);
const n = comparison.numpyro;
console.log(
  'reason' in n
    ? `NumPyro: not run: ${n.reason}`
    : `NumPyro: ${n.seconds.toFixed(1)} s (${n.secondsWithCompile.toFixed(1)} s with compilation), min bulk ESS ${n.minEssBulk.toFixed(0)}, ${n.essPerSecond.toFixed(2)} ESS/s, ${n.divergences} divergences (${n.versions})`,
);
if (comparison.ratioAtLeast !== null) console.log(`ratio at least ${comparison.ratioAtLeast.toFixed(1)} (NumPyro's ESS per second at most S log10 S / ${numpyroRun.limitSeconds} s)`);
console.log(`load ${load()}`);
console.log(
  JSON.stringify({
    gradientMicros: Number(gradient.wall.toFixed(3)),
    gradientCpuMicros: Number(gradient.cpu.toFixed(3)),
    fitSecondsLastWindow: last ? Number(last.seconds.toFixed(2)) : null,
    fundSecondsQuarterly: quarterly ? Number(quarterly.seconds.toFixed(2)) : null,
    quarterlyWindows: quarterly?.windows ?? null,
    numpyroRatio: comparison.ratio === null ? null : Number(comparison.ratio.toFixed(3)),
    numpyroRatioAtLeast: comparison.ratioAtLeast === null ? null : Number(comparison.ratioAtLeast.toFixed(2)),
    ours: comparison.ours,
    numpyro: comparison.numpyro,
    warmup,
    draws,
    compareRun,
    cpus: cpus().length,
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  }),
);
