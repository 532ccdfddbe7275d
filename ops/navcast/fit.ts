/**
 * `navcast fit`: fits every requested window of one fund with NUTS in worker threads (chains
 * spread over the workers, each chain warm-started window to window), summarises each window
 * as its chains arrive, and assembles summary.json.
 */
import { availableParallelism } from 'node:os';
import type { ChainResult } from '../../sampler/index.js';
import {
  prepareFund,
  quarterEnds,
  summarizeWindow,
  windowWeeks,
  type DataPreparation,
  type FailureThresholds,
  type FundInput,
  type SummaryContext,
  type ValuePathBands,
  type WindowMode,
  type WindowSummary,
} from '../../sampler/navcast/index.js';
import { fitBenchmarks, type FitBenchmarks } from './benchmarks.js';
import { startTsWorker } from '../../commands/workers/tsWorker.js';
import type { FitJob, FitMessage, FitSettings } from './fitWorker.js';
import { windowTarget } from './windowTarget.js';

/** Options of a fit (CLI flags). */
export interface FitOptions extends FitSettings {
  readonly windows: WindowMode;
  /** Explicit window weeks (ascending), used instead of `windows` when given (validation runs). */
  readonly windowList?: readonly number[];
  readonly chains: number;
  readonly workers: number | undefined;
  readonly thresholds: FailureThresholds;
}

/** A window whose sampler failed outright (no draws to summarise). */
export interface BrokenWindow {
  readonly week: number;
  readonly failed: true;
  readonly failures: string[];
}

/** Content of DIR/summary.json. */
export interface FitSummary {
  readonly fund: string;
  readonly currency: string;
  readonly commitment: number;
  readonly week0: string;
  readonly settings: Omit<FitOptions, 'workers'>;
  readonly dataPreparation: DataPreparation;
  readonly windows: (WindowSummary | BrokenWindow)[];
  /** Revised (smoothed) weekly value path with bands from the last window. */
  readonly revisedPath: ValuePathBands | null;
  /** Reported NAVs, the naive nowcast path and per-window benchmarks (d.1), for the report. */
  readonly benchmarks: FitBenchmarks;
  readonly failedWindows: number[];
  readonly seconds: number;
}

const entry = new URL('./fitWorker.ts', import.meta.url);

/** Fits `input`; `progress` receives one line per finished chain and window. */
export async function fitFund(input: FundInput, options: FitOptions, progress: (line: string) => void): Promise<FitSummary> {
  const started = performance.now();
  const prepared = prepareFund(input);
  const weeks = options.windowList ? [...options.windowList] : windowWeeks(prepared.fund, options.windows);
  const ctx: SummaryContext = {
    prepared,
    week0: input.week0,
    seed: options.seed,
    maxTreeDepth: options.maxTreeDepth,
    thresholds: options.thresholds,
    quarterEnds: quarterEnds(prepared.fund),
  };
  for (const flag of prepared.preparation.flags) progress(`data: ${flag.code}: ${flag.message}`);
  progress(`fitting ${weeks.length} window(s) of ${input.fund}, ${options.chains} chain(s) each`);
  const workerCount = Math.max(1, Math.min(options.chains, options.workers ?? availableParallelism()));
  const pending = weeks.map(() => new Map<number, ChainResult | string>());
  const windows: (WindowSummary | BrokenWindow)[] = new Array(weeks.length);
  let revisedPath: ValuePathBands | null = null;

  const finishWindow = (w: number) => {
    const arrived = [...pending[w].entries()].sort(([a], [b]) => a - b);
    pending[w].clear();
    const errors = arrived.flatMap(([c, r]) => (typeof r === 'string' ? [`chain ${c}: ${r}`] : []));
    if (errors.length > 0) {
      windows[w] = { week: weeks[w], failed: true, failures: errors };
      progress(`window ${w + 1}/${weeks.length} (week ${weeks[w]}): FAILED: ${errors.join('; ')}`);
      return;
    }
    const chains = arrived.map(([, r]) => r as ChainResult);
    const isLast = w === weeks.length - 1;
    const { summary, path } = summarizeWindow(ctx, windowTarget(prepared, weeks[w]), chains, isLast);
    windows[w] = summary;
    if (isLast) revisedPath = path;
    const v = summary.value;
    const fmt = (x: number) => x.toPrecision(4);
    progress(
      `window ${w + 1}/${weeks.length} (week ${summary.week}, ${summary.date}): value median ${fmt(v.q50)} [90%: ${fmt(v.q5)}, ${fmt(v.q95)}] ${input.currency}; ` +
        `max R-hat ${summary.diagnostics.maxRhat.toFixed(3)}, min bulk ESS ${summary.diagnostics.minEssBulk.toFixed(0)}, ` +
        `${summary.diagnostics.divergences} divergences${summary.failed ? `; FAILED: ${summary.failures.join('; ')}` : ''}`,
    );
  };

  const runWorker = (chains: number[]) =>
    new Promise<void>((resolve, reject) => {
      const job: FitJob = { prepared, windows: weeks, chains, settings: options };
      const worker = startTsWorker(entry, job);
      let received = 0;
      const expected = weeks.length * chains.length;
      worker.on('message', (message: FitMessage) => {
        const { window: w, chain } = message;
        pending[w].set(chain, message.kind === 'chain' ? message.result : message.message);
        if (message.kind === 'chain') progress(`  window ${w + 1}/${weeks.length} chain ${chain} done in ${message.seconds.toFixed(1)} s`);
        if (pending[w].size === options.chains) finishWindow(w);
        if (++received === expected) void worker.terminate().then(() => resolve());
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (received < expected) reject(new Error(`fit worker exited with code ${code} after ${received} of ${expected} chain results`));
      });
    });

  const lanes = Array.from({ length: workerCount }, (_, k) => Array.from({ length: options.chains }, (_, c) => c).filter((c) => c % workerCount === k));
  await Promise.all(lanes.map(runWorker));
  const { workers: _, ...settings } = options;
  return {
    fund: input.fund,
    currency: input.currency,
    commitment: input.commitment,
    week0: input.week0,
    settings,
    dataPreparation: prepared.preparation,
    windows,
    revisedPath,
    benchmarks: fitBenchmarks(prepared, weeks, input.week0),
    failedWindows: windows.filter((w) => w.failed).map((w) => w.week),
    seconds: (performance.now() - started) / 1000,
  };
}
