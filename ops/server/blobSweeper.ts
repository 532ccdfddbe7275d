/**
 * The orphan blob sweep as `npm start` runs it (docs/operations.md, "Blob sweep"): once
 * soon after start, then every interval; each run prints one line. A failed run is reported
 * and retried at the next interval; it never stops the server.
 */
import { type BlobKindRule, type SweepReport, sweepBlobs } from '../../commands/blobs/index.js';
import type { BlobStore } from '../../domain/ports/blobStore.js';

export interface BlobSweeperOptions {
  readonly store: BlobStore;
  readonly rules: readonly BlobKindRule[];
  /** Between runs; 0 runs the sweep at start only. */
  readonly intervalMs: number;
  readonly write?: (line: string) => void;
}

export interface BlobSweeper {
  /** Resolves with the first run's report (or its failure). */
  readonly firstRun: Promise<SweepReport | undefined>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** One line for the log: what each kind had and what went. */
export function describeSweep(report: SweepReport): string {
  const kinds = Object.entries(report.kinds).map(
    ([kind, t]) =>
      `${kind}: ${t.scanned} stored, ${t.referenced} referenced, ${t.young} in grace, ${t.uncertain} kept unsure, ${t.removed} orphans ${report.dryRun ? 'found' : `removed (${t.bytesRemoved} bytes)`}`,
  );
  const partial = report.abandonedWrites > 0 ? `; ${report.abandonedWrites} unfinished writes removed` : '';
  return `blob sweep: ${kinds.join('; ')}${partial}`;
}

export function startBlobSweeper(options: BlobSweeperOptions): BlobSweeper {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  let running: Promise<SweepReport | undefined> = Promise.resolve(undefined);
  let stopped = false;
  const run = (): Promise<SweepReport | undefined> => {
    running = running.then(async () => {
      if (stopped) return undefined;
      try {
        const report = await sweepBlobs(options.store, options.rules);
        write(describeSweep(report));
        for (const { key, reason } of report.kept) write(`blob sweep: kept ${key}: ${reason}`);
        return report;
      } catch (error) {
        write(`blob sweep failed (next try in ${options.intervalMs / 1000} s): ${(error as Error).message}`);
        return undefined;
      }
    });
    return running;
  };
  const firstRun = run();
  const timer = options.intervalMs > 0 ? setInterval(() => void run(), options.intervalMs) : undefined;
  timer?.unref();
  return {
    firstRun,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      await running;
    },
  };
}
