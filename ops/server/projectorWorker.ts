/**
 * Worker-thread entry of the projector that `npm start` runs (projectorThread.ts): the
 * projection runner on its own connections and its own event loop, so that projecting a
 * large upload (a 150,000-row series parses into rows for 250 ms) never delays a web request.
 * Posts every change of its notification subscription; stops on a `stop` message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createProjector, openLog } from '../platform.js';

export interface ProjectorWorkerData {
  readonly url: string;
  readonly pollMs: number;
  readonly batchSize: number;
}

const data = workerData as ProjectorWorkerData;
const access = openLog(data.url, 4);
let stopping = false;
// After a stop, PostgreSQL's own shutdown may still close sockets pool.end() let go of.
access.pool.on('error', (error) => {
  if (!stopping) process.stderr.write(`projector: database connection lost: ${error.message}\n`);
});
let lostOnce = false;
const runner = createProjector(access, {
  pollMs: data.pollMs,
  batchSize: data.batchSize,
  onError: (error) => process.stderr.write(`projector: ${(error as Error).stack ?? String(error)}\n`),
  onSubscription: (status) => {
    if (status.state === 'lost') lostOnce = true;
    if (status.state === 'lost') process.stderr.write(`projector: event notifications lost (${status.error ?? 'unknown'}); polling every ${data.pollMs} ms and resubscribing\n`);
    if (status.state === 'listening' && lostOnce) process.stderr.write('projector: event notifications listening again\n');
    parentPort?.postMessage({ subscription: status });
  },
});

parentPort?.on('message', (message: { stop?: boolean }) => {
  if (message.stop !== true) return;
  stopping = true;
  runner
    .stop()
    .then(() => access.close())
    .then(
      () => parentPort?.postMessage({ stopped: true }),
      // The code travels too: 57P01 (PostgreSQL shutting down, as after a Ctrl-C to the whole
      // process group) is an expected end of a stop, which the main thread must recognise.
      (error: unknown) => parentPort?.postMessage({ stopped: true, error: (error as Error).message, code: (error as { code?: unknown }).code }),
    );
});

runner.start().then(
  () => parentPort?.postMessage({ started: true }),
  (error: unknown) => parentPort?.postMessage({ started: false, error: (error as Error).stack ?? String(error) }),
);
