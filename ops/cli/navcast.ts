/**
 * The model subcommands of the `navcast` CLI (no database): `simulate` writes a simulated fund
 * and its truth, `fit` fits a fund input file, `case0` converts the paper's Case-0 fund.
 * Exit codes: 0 success, 1 a failed window or a failure, 2 wrong usage (UsageError).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { writeFitOutputs } from '../navcast/outputs.js';
import { loadCase0 } from '../navcast/case0Files.js';
import {
  FitConfigError,
  fitConfigJsonSchema,
  fitFund,
  fundInputJsonSchema,
  parseFitConfig,
  parseFundInput,
  PRESETS,
  simulateFund,
  type FitConfig,
  type PresetName,
} from '../../sampler/navcast/index.js';
import { parseOptions, required, UsageError } from './args.js';

/** Usage lines of the model subcommands. */
export const navcastUsage = `  simulate --preset buyout|vc|stress --seed N --out FILE      (writes FILE and FILE's .truth.json beside it)
  fit --schema                                                 (prints the input JSON Schema)
  fit --settings-schema                                        (prints the fit settings' JSON Schema)
  fit --input FILE --out DIR [--settings FILE] [--windows last|quarterly|weekly] [--chains 4] [--warmup 1000] [--warmup-next N]
      [--draws 1000] [--seed 1] [--workers N] [--target-acceptance 0.9] [--max-tree-depth 10]
      [--max-rhat 1.01] [--min-ess 400] [--max-divergences 0]  (writes DIR/summary.json and DIR/report.html)
  case0 --dir DIR --out FILE                                   (the paper's Case-0 fund as a fund input)
`;

/** Subcommands handled here. */
export const NAVCAST_MODEL_COMMANDS: readonly string[] = ['simulate', 'fit', 'case0'];

function numberOption(values: Record<string, string | boolean | undefined>, name: string, fallback: number, check: (x: number) => boolean, what: string): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (typeof raw !== 'string' || raw === '' || !check(x)) throw new UsageError(`--${name} must be ${what}, got ${String(raw)}`);
  return x;
}
const nonNegativeInteger = (x: number) => Number.isSafeInteger(x) && x >= 0;

/** Path of the truth file beside a fund file: fund.json -> fund.truth.json. */
export function truthPath(file: string): string {
  return file.endsWith('.json') ? `${file.slice(0, -5)}.truth.json` : `${file}.truth.json`;
}

const writeJson = (file: string, value: unknown) => writeFile(file, `${JSON.stringify(value, null, 2)}\n`);

async function simulate(argv: string[]): Promise<number> {
  const o = parseOptions(argv, { values: ['preset', 'seed', 'out'] });
  const preset = required(o, 'preset');
  if (!(preset in PRESETS)) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  const seed = numberOption(o, 'seed', Number.NaN, nonNegativeInteger, 'an integer >= 0');
  if (Number.isNaN(seed)) throw new UsageError('--seed is required');
  const out = required(o, 'out');
  const { input, truth } = simulateFund(PRESETS[preset as PresetName], seed);
  await writeJson(out, input);
  await writeJson(truthPath(out), truth);
  process.stderr.write(`navcast: wrote ${out} and ${truthPath(out)}\n`);
  return 0;
}

/** Flag name -> fit setting; numbers are parsed here, checked by the one fit-settings schema. */
const FIT_FLAGS = {
  windows: 'windows',
  chains: 'chains',
  warmup: 'warmup',
  'warmup-next': 'warmupNext',
  draws: 'draws',
  seed: 'seed',
  'target-acceptance': 'targetAcceptance',
  'max-tree-depth': 'maxTreeDepth',
} as const;
const THRESHOLD_FLAGS = { 'max-rhat': 'maxRhat', 'min-ess': 'minEssBulk', 'max-divergences': 'maxDivergences' } as const;

function flagNumber(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const x = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (Number.isNaN(x)) throw new UsageError(`--${name} must be a number, got ${String(raw)}`);
  return x;
}

/** The fit settings named by the flags, through parseFitConfig; its issues become usage errors naming the flag. */
function fitConfigOf(o: Record<string, string | boolean | undefined>, fromFile: Record<string, unknown>): FitConfig {
  const raw: Record<string, unknown> = { ...fromFile };
  const flagOf: Record<string, string> = {};
  for (const [flag, key] of Object.entries(FIT_FLAGS)) {
    const value = key === 'windows' ? o.windows : flagNumber(o, flag);
    if (value === undefined) continue;
    raw[key] = value;
    flagOf[key] = flag;
  }
  const thresholds: Record<string, number> = {};
  for (const [flag, key] of Object.entries(THRESHOLD_FLAGS)) {
    const value = flagNumber(o, flag);
    if (value === undefined) continue;
    thresholds[key] = value;
    flagOf[`thresholds.${key}`] = flag;
  }
  if (Object.keys(thresholds).length > 0) raw.thresholds = { ...(raw.thresholds as object | undefined), ...thresholds };
  try {
    return parseFitConfig(raw);
  } catch (error) {
    if (!(error instanceof FitConfigError)) throw error;
    const named = error.issues.map((issue) => {
      const [path, ...rest] = issue.split(': ');
      return flagOf[path] === undefined ? issue : `--${flagOf[path]}: ${rest.join(': ')}`;
    });
    throw new UsageError(named.join('; '));
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
}

async function readJsonObject(file: string): Promise<Record<string, unknown>> {
  const value = await readJson(file);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${file} must hold a JSON object of fit settings`);
  return value as Record<string, unknown>;
}

async function fit(argv: string[]): Promise<number> {
  const o = parseOptions(argv, {
    values: ['input', 'out', 'settings', 'windows', 'chains', 'warmup', 'warmup-next', 'draws', 'seed', 'workers', 'target-acceptance', 'max-tree-depth', 'max-rhat', 'min-ess', 'max-divergences'],
    flags: ['schema', 'settings-schema'],
  });
  if (o.schema === true || o['settings-schema'] === true) {
    process.stdout.write(`${JSON.stringify(o.schema === true ? fundInputJsonSchema() : fitConfigJsonSchema(), null, 2)}\n`);
    return 0;
  }
  const inputFile = required(o, 'input');
  const outDir = required(o, 'out');
  const settingsFile = o.settings as string | undefined;
  const fromFile = settingsFile === undefined ? {} : await readJsonObject(settingsFile);
  const config = fitConfigOf(o, fromFile);
  const workers = flagNumber(o, 'workers');
  if (workers !== undefined && !(Number.isSafeInteger(workers) && workers > 0)) throw new UsageError(`--workers must be a positive integer, got ${workers}`);
  const input = parseFundInput(await readJson(inputFile));
  const { summary } = await fitFund(input, config, {
    ...(workers === undefined ? {} : { workers }),
    onProgress: (event) => process.stderr.write(`${event.message}\n`),
  });
  const files = await writeFitOutputs(outDir, summary);
  process.stderr.write(`navcast: wrote ${files.summary} and ${files.report} (${summary.seconds.toFixed(1)} s)\n`);
  if (summary.failedWindows.length > 0) {
    process.stderr.write(`navcast: ${summary.failedWindows.length} window(s) failed their diagnostics: weeks ${summary.failedWindows.join(', ')}\n`);
    return 1;
  }
  return 0;
}

async function case0(argv: string[]): Promise<number> {
  const o = parseOptions(argv, { values: ['dir', 'out'] });
  const out = required(o, 'out');
  await writeJson(out, await loadCase0(required(o, 'dir')));
  process.stderr.write(`navcast: wrote ${out}\n`);
  return 0;
}

/** Runs `navcast simulate|fit|case0 ...`; returns the exit code. */
export async function runNavcastModelCommand(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'simulate') return simulate(rest);
  if (command === 'fit') return fit(rest);
  if (command === 'case0') return case0(rest);
  throw new UsageError(`unknown command: ${command}`);
}
