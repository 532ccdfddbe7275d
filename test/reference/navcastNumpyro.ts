/**
 * Runs test/reference/navcast_numpyro.py inside .navcast/venv (pinned JAX and NumPyro, created
 * on demand by ensureNumpyroVenv): evaluate a problem at points, or sample it with NUTS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNumpyroVenv } from '../bench/samplerBench/numpyroReference.js';

const SCRIPT = ['test', 'reference', 'navcast_numpyro.py'];

/** The venv's python when it already imports the pinned JAX and NumPyro, else why not (nothing installed). */
export function probeNumpyro(root: string): { python: string } | { reason: string } {
  const python = join(root, '.navcast', 'venv', 'bin', 'python');
  if (!existsSync(python)) return { reason: `${python} does not exist (npm run bench:navcast creates it)` };
  const probe = spawnSync(python, ['-c', "import jax, numpyro; assert (jax.__version__, numpyro.__version__) == ('0.7.0', '0.19.0')"], { encoding: 'utf8', timeout: 120_000 });
  return probe.status === 0 ? { python } : { reason: `${python} cannot import jax 0.7.0 and numpyro 0.19.0: ${(probe.stderr ?? '').trim().slice(-300)}` };
}

/** Thrown when the script ran past its time limit (and was stopped). */
export class NumpyroTimeLimit extends Error {
  constructor(readonly seconds: number) {
    super(`navcast_numpyro.py did not finish within ${seconds} s`);
  }
}

function runScript(python: string, root: string, args: string[], timeoutMs: number): string {
  const result = spawnSync(python, [join(root, ...SCRIPT), ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') throw new NumpyroTimeLimit(timeoutMs / 1000);
  if (result.status !== 0) throw new Error(`navcast_numpyro.py ${args[0]} failed (${result.status ?? result.signal}): ${`${result.stdout}${result.stderr}`.trim().slice(-1500)}`);
  return result.stdout.trim().split('\n').at(-1) ?? '';
}

function workFolder(root: string): string {
  const folder = join(root, '.navcast', 'bench');
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** NumPyro's log density and gradient at each point. */
export function numpyroEvaluate(python: string, root: string, problem: object, points: Float64Array[]): { logDensity: number; gradient: (number | null)[] }[] {
  const folder = workFolder(root);
  const [p, q, o] = ['problem.json', 'points.json', 'values.json'].map((f) => join(folder, `navcast_parity_${process.pid}_${f}`));
  writeFileSync(p, JSON.stringify(problem));
  writeFileSync(q, JSON.stringify(points.map((x) => Array.from(x))));
  runScript(python, root, ['evaluate', '--problem', p, '--points', q, '--out', o], 600_000);
  return (JSON.parse(readFileSync(o, 'utf8')) as { logDensity: number | null; gradient: (number | null)[] }[]).map((r) => ({
    logDensity: r.logDensity ?? -Infinity,
    gradient: r.gradient,
  }));
}

/** A NumPyro NUTS run: draws per chain (each a Float64Array per kept iteration) and its report. */
export interface NumpyroRun {
  readonly draws: Float64Array[][];
  /** Seconds of the reported run (compiled code cached) and of the first run (with compilation). */
  readonly seconds: number;
  readonly secondsWithCompile: number;
  readonly gradients: number;
  readonly divergences: number;
  readonly versions: string;
}

/**
 * Samples `problem` with NumPyro from `init` (installs the venv when needed); throws
 * NumpyroTimeLimit when the run takes longer than `limitSeconds` (default one hour).
 */
export function numpyroSample(
  root: string,
  problem: object,
  init: Float64Array,
  run: { chains: number; warmup: number; draws: number; seed: number; repeat: boolean },
  limitSeconds = 3600,
): NumpyroRun | { reason: string } {
  const venv = ensureNumpyroVenv(root);
  if ('reason' in venv) return venv;
  const folder = workFolder(root);
  const [p, i, o] = ['problem.json', 'init.json', 'draws.f64'].map((f) => join(folder, `navcast_sample_${process.pid}_${f}`));
  writeFileSync(p, JSON.stringify(problem));
  writeFileSync(i, JSON.stringify(Array.from(init)));
  const args = [
    'sample',
    '--problem',
    p,
    '--init',
    i,
    '--out',
    o,
    '--chains',
    String(run.chains),
    '--warmup',
    String(run.warmup),
    '--draws',
    String(run.draws),
    '--seed',
    String(run.seed),
    ...(run.repeat ? ['--repeat'] : []),
  ];
  const report = JSON.parse(runScript(venv.python, root, args, limitSeconds * 1000)) as {
    seconds: number;
    secondsWithCompile: number;
    gradients: number;
    divergences: number;
    shape: [number, number, number];
    numpyro: string;
    jax: string;
  };
  const [chains, draws, dim] = report.shape;
  const raw = readFileSync(o);
  const values = new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8);
  const perChain = Array.from({ length: chains }, (_, c) => Array.from({ length: draws }, (_, k) => values.slice((c * draws + k) * dim, (c * draws + k + 1) * dim)));
  return {
    draws: perChain,
    seconds: report.seconds,
    secondsWithCompile: report.secondsWithCompile,
    gradients: report.gradients,
    divergences: report.divergences,
    versions: `numpyro ${report.numpyro}, jax ${report.jax}`,
  };
}
