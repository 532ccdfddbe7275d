/**
 * The NAVcast fit as one library call (docs/navcast-model.md "Fit"): every window of one fund
 * with NUTS in worker threads (chains spread over the workers, each chain warm-started window
 * to window), each window summarised as its chains arrive. The CLI, the benchmark, the
 * validation and the run workers all call {@link fitFund}.
 */
import { availableParallelism } from 'node:os';
import { startModuleWorker, type ChainResult } from '../../nuts/index.js';
import type { FundInput } from '../data/input.js';
import { prepareFund, type DataPreparation } from '../data/prepare.js';
import { quarterEnds, windowWeeks } from '../data/windows.js';
import { fitBenchmarks, type FitBenchmarks } from '../outputs/benchmarks.js';
import { summarizeWindow, type SummaryContext, type ValuePathBands, type WindowDraws, type WindowSummary } from '../outputs/windowSummary.js';
import { FitWorkerError } from './errors.js';
import type { FitConfig } from './fitConfig.js';
import type { FitJob, FitMessage } from './fitWorker.js';
import { windowTarget } from './windowTarget.js';

/** A window whose sampler failed outright (no draws to summarise). */
export interface BrokenWindow {
  readonly week: number;
  readonly failed: true;
  readonly failures: string[];
}

/** What a fit found, as summary.json holds it (JSON, no draws). */
export interface FitSummary {
  readonly fund: string;
  readonly currency: string;
  readonly commitment: number;
  readonly week0: string;
  /** The settings the fit ran with (defaults applied). */
  readonly settings: FitConfig;
  readonly dataPreparation: DataPreparation;
  readonly windows: (WindowSummary | BrokenWindow)[];
  /** Revised (smoothed) weekly value path with bands from the last window. */
  readonly revisedPath: ValuePathBands | null;
  /** Reported NAVs, the naive nowcast path and per-window benchmarks (d.1), for the report. */
  readonly benchmarks: FitBenchmarks;
  readonly failedWindows: number[];
  readonly seconds: number;
}

/** The result of {@link fitFund}: the summary and, per window, its draws (null for a broken window). */
export interface FitResult {
  readonly summary: FitSummary;
  readonly draws: readonly (WindowDraws | null)[];
}

/** What a fit reports while it runs; `message` is the line a person reads. */
export type FitProgress =
  | { readonly kind: 'data'; readonly code: string; readonly message: string }
  | { readonly kind: 'start'; readonly windows: number; readonly chains: number; readonly message: string }
  | { readonly kind: 'chain'; readonly window: number; readonly week: number; readonly chain: number; readonly seconds: number; readonly message: string }
  | { readonly kind: 'window'; readonly window: number; readonly week: number; readonly failed: boolean; readonly message: string };

/** How a fit runs (not what it computes: the results depend on the FitConfig alone). */
export interface FitRunOptions {
  /** Worker threads (default: the smaller of the chains and the available CPUs). */
  readonly workers?: number;
  readonly onProgress?: (event: FitProgress) => void;
}

const entry = new URL('./fitWorker.ts', import.meta.url);
const fmt = (x: number) => x.toPrecision(4);

function windowLine(n: number, total: number, summary: WindowSummary, currency: string): string {
  const { value: v, diagnostics: d } = summary;
  return (
    `window ${n}/${total} (week ${summary.week}, ${summary.date}): value median ${fmt(v.q50)} [90%: ${fmt(v.q5)}, ${fmt(v.q95)}] ${currency}; ` +
    `max R-hat ${d.maxRhat.toFixed(3)}, min bulk ESS ${d.minEssBulk.toFixed(0)}, ${d.divergences} divergences${summary.failed ? `; FAILED: ${summary.failures.join('; ')}` : ''}`
  );
}

/** Fits `input` with `config` (parse it with parseFitConfig); the same config and input give the same result. */
export async function fitFund(input: FundInput, config: FitConfig, options: FitRunOptions = {}): Promise<FitResult> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const prepared = prepareFund(input);
  const weeks = config.windowList ? [...config.windowList] : windowWeeks(prepared.fund, config.windows);
  const ctx: SummaryContext = {
    prepared,
    week0: input.week0,
    seed: config.seed,
    maxTreeDepth: config.maxTreeDepth,
    thresholds: config.thresholds,
    quarterEnds: quarterEnds(prepared.fund),
  };
  for (const flag of prepared.preparation.flags) progress({ kind: 'data', code: flag.code, message: `data: ${flag.code}: ${flag.message}` });
  progress({ kind: 'start', windows: weeks.length, chains: config.chains, message: `fitting ${weeks.length} window(s) of ${input.fund}, ${config.chains} chain(s) each` });
  const workerCount = Math.max(1, Math.min(config.chains, options.workers ?? availableParallelism()));
  const pending = weeks.map(() => new Map<number, ChainResult | string>());
  const windows: (WindowSummary | BrokenWindow)[] = new Array(weeks.length);
  const draws: (WindowDraws | null)[] = new Array(weeks.length).fill(null);
  let revisedPath: ValuePathBands | null = null;

  const finishWindow = (w: number) => {
    const arrived = [...pending[w].entries()].sort(([a], [b]) => a - b);
    pending[w].clear();
    const errors = arrived.flatMap(([c, r]) => (typeof r === 'string' ? [`chain ${c}: ${r}`] : []));
    if (errors.length > 0) {
      windows[w] = { week: weeks[w], failed: true, failures: errors };
      progress({ kind: 'window', window: w, week: weeks[w], failed: true, message: `window ${w + 1}/${weeks.length} (week ${weeks[w]}): FAILED: ${errors.join('; ')}` });
      return;
    }
    const isLast = w === weeks.length - 1;
    const result = summarizeWindow(
      ctx,
      windowTarget(prepared, weeks[w]),
      arrived.map(([, r]) => r as ChainResult),
      isLast,
    );
    windows[w] = result.summary;
    draws[w] = result.draws;
    if (isLast) revisedPath = result.path;
    progress({ kind: 'window', window: w, week: weeks[w], failed: result.summary.failed, message: windowLine(w + 1, weeks.length, result.summary, input.currency) });
  };

  const runWorker = (chains: number[]) =>
    new Promise<void>((resolve, reject) => {
      const job: FitJob = { prepared, windows: weeks, chains, config };
      const worker = startModuleWorker(entry, job);
      let received = 0;
      const expected = weeks.length * chains.length;
      worker.on('message', (message: FitMessage) => {
        const { window: w, chain } = message;
        pending[w].set(chain, message.kind === 'chain' ? message.result : message.message);
        if (message.kind === 'chain') {
          const line = `  window ${w + 1}/${weeks.length} chain ${chain} done in ${message.seconds.toFixed(1)} s`;
          progress({ kind: 'chain', window: w, week: weeks[w], chain, seconds: message.seconds, message: line });
        }
        if (pending[w].size === config.chains) finishWindow(w);
        if (++received === expected) void worker.terminate().then(() => resolve());
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (received < expected) reject(new FitWorkerError(`fit worker exited with code ${code} after ${received} of ${expected} chain results`));
      });
    });

  const lanes = Array.from({ length: workerCount }, (_, k) => Array.from({ length: config.chains }, (_, c) => c).filter((c) => c % workerCount === k));
  await Promise.all(lanes.map(runWorker));
  const summary: FitSummary = {
    fund: input.fund,
    currency: input.currency,
    commitment: input.commitment,
    week0: input.week0,
    settings: config,
    dataPreparation: prepared.preparation,
    windows,
    revisedPath,
    benchmarks: fitBenchmarks(prepared, weeks, input.week0),
    failedWindows: windows.filter((w) => w.failed).map((w) => w.week),
    seconds: (performance.now() - started) / 1000,
  };
  return { summary, draws };
}
