/**
 * The model subcommands of the `navcast` CLI (no database): `simulate` writes a simulated fund
 * and its truth, `fit` fits a fund input file, `case0` converts the paper's Case-0 fund.
 * Exit codes: 0 success, 1 a failed window or a failure, 2 wrong usage (UsageError).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fitFund, type FitOptions } from '../navcast/fit.js';
import { writeFitOutputs } from '../navcast/outputs.js';
import { loadCase0 } from '../navcast/case0Files.js';
import { fundInputJsonSchema, parseFundInput, PRESETS, simulateFund, type PresetName, type WindowMode } from '../../sampler/navcast/index.js';
import { parseOptions, required, UsageError } from './args.js';

/** Usage lines of the model subcommands. */
export const navcastUsage = `  simulate --preset buyout|vc|stress --seed N --out FILE      (writes FILE and FILE's .truth.json beside it)
  fit --schema                                                 (prints the input JSON Schema)
  fit --input FILE --out DIR [--windows last|quarterly|weekly] [--chains 4] [--warmup 1000] [--warmup-next N]
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
const positiveInteger = (x: number) => Number.isSafeInteger(x) && x > 0;
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

function fitOptions(o: Record<string, string | boolean | undefined>): FitOptions {
  const windows = (o.windows as string | undefined) ?? 'quarterly';
  if (!['last', 'quarterly', 'weekly'].includes(windows)) throw new UsageError('--windows must be last, quarterly or weekly');
  const warmup = numberOption(o, 'warmup', 1000, nonNegativeInteger, 'an integer >= 0');
  return {
    windows: windows as WindowMode,
    chains: numberOption(o, 'chains', 4, positiveInteger, 'a positive integer'),
    warmup,
    warmupNext: numberOption(o, 'warmup-next', Math.max(Math.min(warmup, 100), Math.round(warmup / 4)), nonNegativeInteger, 'an integer >= 0'),
    draws: numberOption(o, 'draws', 1000, positiveInteger, 'a positive integer'),
    seed: numberOption(o, 'seed', 1, nonNegativeInteger, 'an integer >= 0'),
    workers: o.workers === undefined ? undefined : numberOption(o, 'workers', 1, positiveInteger, 'a positive integer'),
    targetAcceptance: numberOption(o, 'target-acceptance', 0.9, (x) => x > 0 && x < 1, 'in (0, 1)'),
    maxTreeDepth: numberOption(o, 'max-tree-depth', 10, positiveInteger, 'a positive integer'),
    thresholds: {
      maxRhat: numberOption(o, 'max-rhat', 1.01, (x) => x >= 1, 'a number >= 1'),
      minEssBulk: numberOption(o, 'min-ess', 400, (x) => x >= 0, 'a number >= 0'),
      maxDivergences: numberOption(o, 'max-divergences', 0, nonNegativeInteger, 'an integer >= 0'),
    },
  };
}

async function fit(argv: string[]): Promise<number> {
  const o = parseOptions(argv, {
    values: ['input', 'out', 'windows', 'chains', 'warmup', 'warmup-next', 'draws', 'seed', 'workers', 'target-acceptance', 'max-tree-depth', 'max-rhat', 'min-ess', 'max-divergences'],
    flags: ['schema'],
  });
  if (o.schema === true) {
    process.stdout.write(`${JSON.stringify(fundInputJsonSchema(), null, 2)}\n`);
    return 0;
  }
  const inputFile = required(o, 'input');
  const outDir = required(o, 'out');
  const options = fitOptions(o);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(inputFile, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${inputFile} as JSON: ${(error as Error).message}`);
  }
  const input = parseFundInput(raw);
  const summary = await fitFund(input, options, (line) => process.stderr.write(`${line}\n`));
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
