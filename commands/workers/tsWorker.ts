/**
 * Worker threads that run TypeScript modules: the worker registers tsx's loader in its own
 * thread (as sampler/nuts/workers.ts does) and then imports the entry module, which reads its job
 * from `workerData` (the entry's URL and the tsx API path are added to it).
 */
import { createRequire } from 'node:module';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then(({ register }) => { register(); return import(workerData.entry); })
  .catch((error) => { setImmediate(() => { throw error; }); });
`;
const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');

/**
 * Starts a worker running the TypeScript module `entry` (a file URL) with `data` as its
 * workerData; `options` adds worker options such as resource limits.
 */
export function startTsWorker(entry: URL, data: object, options: Omit<WorkerOptions, 'eval' | 'workerData'> = {}): Worker {
  return new Worker(BOOTSTRAP, { execArgv: [], ...options, eval: true, workerData: { ...data, tsxApi, entry: entry.href } });
}
