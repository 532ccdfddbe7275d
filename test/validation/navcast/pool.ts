/**
 * A small job queue over worker threads for the validation runs: each worker asks for a job,
 * runs it and sends the result back; jobs go out one at a time, so slow and fast jobs balance.
 * The worker side is {@link serveJobs}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startTsWorker } from '../../../commands/workers/tsWorker.js';

type WorkerMessage<R> = { readonly kind: 'ready' } | { readonly kind: 'result'; readonly result: R } | { readonly kind: 'error'; readonly message: string };

/** Runs `jobs` in `workers` threads of the module `entry` (which calls serveJobs); results in job order. */
export async function runJobs<J, R>(entry: URL, jobs: readonly J[], workers: number, shared: object, onResult?: (result: R, done: number) => void): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  let next = 0,
    done = 0;
  const lane = () =>
    new Promise<void>((resolve, reject) => {
      const worker = startTsWorker(entry, { shared });
      let current = -1;
      const sendNext = () => {
        if (next >= jobs.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage(jobs[current]);
      };
      worker.on('message', (message: WorkerMessage<R>) => {
        if (message.kind === 'error') {
          void worker.terminate();
          reject(new Error(`job ${current}: ${message.message}`));
          return;
        }
        if (message.kind === 'result') {
          results[current] = message.result;
          onResult?.(message.result, ++done);
        }
        sendNext();
      });
      worker.once('error', reject);
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, lane));
  return results;
}

/** Worker side: answers each job with `handler(job, shared)`; a thrown error is reported, not swallowed. */
export function serveJobs<J, R, S>(handler: (job: J, shared: S) => R): void {
  if (parentPort === null) return;
  const port = parentPort;
  const { shared } = workerData as { shared: S };
  port.on('message', (job: J) => {
    try {
      port.postMessage({ kind: 'result', result: handler(job, shared) });
    } catch (error) {
      port.postMessage({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  port.postMessage({ kind: 'ready' });
}
