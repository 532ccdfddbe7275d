/**
 * NumPyro on the same AR(1) posterior, in the same benchmark run: installs pinned NumPyro and
 * JAX into .navcast/venv (git-ignored) when Python is present, runs
 * test/reference/ar1_numpyro.py and computes its ESS with this project's diagnostics, so
 * both samplers are scored by one ESS estimator. Every failure is reported, never fatal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleOptions } from '../../../sampler/nuts/index.js';
import type { Ar1StateSpaceData } from '../../../sampler/models/ar1StateSpace.js';
import { minimumEss } from './measureRun.js';

/** Pinned versions: NumPyro 0.19.0 on JAX 0.7.0 (CPU wheels, Python >= 3.11). */
export const NUMPYRO_REQUIREMENTS = ['jax==0.7.0', 'jaxlib==0.7.0', 'numpyro==0.19.0'] as const;

/** What docs/api-python.md's example uses, installed into the same venv (the Python tier runs it). */
export const API_EXAMPLE_REQUIREMENTS = ['httpx==0.28.1', 'pandas==2.3.3'] as const;

/** NumPyro's figures, or why there are none. */
export type NumpyroFigures =
  | {
      ok: true;
      seconds: number;
      gradients: number;
      minEssBulk: number;
      minEssTail: number;
      minEssBulkPerSecond: number;
      versions: string;
    }
  | { ok: false; reason: string };

function run(command: string, args: string[], timeoutMs: number): { ok: boolean; out: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const out = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, out };
}

/** Creates .navcast/venv and installs the pinned packages (NumPyro's and the API example's) unless already importable. */
export function ensureNumpyroVenv(root: string): { python: string } | { reason: string } {
  const venv = join(root, '.navcast', 'venv');
  const python = join(venv, 'bin', 'python');
  const probe = `import jax, numpyro, httpx, pandas; assert (jax.__version__, numpyro.__version__, httpx.__version__, pandas.__version__) == ('0.7.0', '0.19.0', '0.28.1', '2.3.3')`;
  if (existsSync(python) && run(python, ['-c', probe], 120_000).ok) return { python };
  const system = run('python3', ['--version'], 10_000);
  if (!system.ok) return { reason: `python3 not available: ${system.out.trim()}` };
  if (!existsSync(python)) {
    const made = run('python3', ['-m', 'venv', venv], 120_000);
    if (!made.ok) return { reason: `python3 -m venv failed: ${made.out.trim().slice(-500)}` };
  }
  const requirements = [...NUMPYRO_REQUIREMENTS, ...API_EXAMPLE_REQUIREMENTS];
  const installed = run(python, ['-m', 'pip', 'install', '--quiet', ...requirements], 1_200_000);
  if (!installed.ok) return { reason: `pip install ${requirements.join(' ')} failed: ${installed.out.trim().slice(-800)}` };
  return { python };
}

/** Runs NumPyro on `data` with the same chains, warm-up and draws as `options`. */
export function runNumpyro(root: string, data: Ar1StateSpaceData, options: SampleOptions): NumpyroFigures {
  const venv = ensureNumpyroVenv(root);
  if ('reason' in venv) return { ok: false, reason: venv.reason };
  const folder = join(root, '.navcast', 'bench');
  const dataPath = join(folder, 'ar1_data.json');
  const drawsPath = join(folder, 'ar1_numpyro_draws.f64');
  writeFileSync(dataPath, JSON.stringify(data));
  const args = [
    join(root, 'test', 'reference', 'ar1_numpyro.py'),
    ...['--data', dataPath, '--out', drawsPath, '--seed', String(options.seed)],
    ...['--chains', String(options.chains ?? 4), '--warmup', String(options.warmup ?? 1000), '--draws', String(options.draws ?? 1000)],
  ];
  const result = run(venv.python, args, 3_600_000);
  if (!result.ok) return { ok: false, reason: `ar1_numpyro.py failed: ${result.out.trim().slice(-800)}` };
  const report = JSON.parse(result.out.trim().split('\n').at(-1) ?? '{}') as {
    seconds: number;
    gradients: number;
    shape: [number, number, number];
    numpyro: string;
    jax: string;
  };
  const [chains, draws, width] = report.shape;
  const raw = readFileSync(drawsPath);
  const values = new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8);
  const perParameter = Array.from({ length: width }, (_, p) => Array.from({ length: chains }, (_, c) => Float64Array.from({ length: draws }, (_, i) => values[(c * draws + i) * width + p])));
  const ess = minimumEss(perParameter);
  return {
    ok: true,
    seconds: report.seconds,
    gradients: report.gradients,
    minEssBulk: ess.bulk,
    minEssTail: ess.tail,
    minEssBulkPerSecond: ess.bulk / report.seconds,
    versions: `numpyro ${report.numpyro}, jax ${report.jax}`,
  };
}
