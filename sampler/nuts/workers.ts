import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChainJob, ChainReply } from './chainWorker.js';
import { SamplerError, type SamplerErrorCode } from './errors.js';
import { resolveOptions } from './options.js';
import type { ChainResult, SampleResult, WorkerSampleOptions, WorkerTargetSpec } from './types.js';

/**
 * The worker runs CommonJS eval code: it registers tsx's ESM hooks in its own thread (workers
 * do not share the parent's loaders, and vitest's transform does not reach them), then loads
 * the TypeScript chain worker.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then(({ register }) => { register(); return import(workerData.entry); })
  .catch((error) => { setImmediate(() => { throw error; }); });
`;

const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');
const chainEntry = new URL('./chainWorker.ts', import.meta.url);

/**
 * Starts a worker thread running the ES module `entry` (TypeScript allowed), which reads `data`
 * from `workerData`. Used for the chain workers here and by fits that run their own workers
 * (navcast/fit/fitFund.ts).
 */
export function startModuleWorker(entry: URL, data: object): Worker {
  return new Worker(BOOTSTRAP, { eval: true, execArgv: [], workerData: { ...data, tsxApi, entry: entry.href } });
}

function runChainInWorker(job: ChainJob, track: (worker: Worker) => void): Promise<ChainResult> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(chainEntry, job);
    track(worker);
    let settled = false;
    const fail = (code: SamplerErrorCode, message: string) => {
      if (settled) return;
      settled = true;
      reject(new SamplerError(code, `chain ${job.chain}: ${message}`));
    };
    worker.once('message', (reply: ChainReply) => {
      if (reply.ok) {
        settled = true;
        resolve(reply.result);
      } else fail((reply.code as SamplerErrorCode | undefined) ?? 'SAMPLER_WORKER_FAILED', reply.message);
      void worker.terminate();
    });
    worker.once('error', (error) => fail('SAMPLER_WORKER_FAILED', error.stack ?? error.message));
    worker.once('exit', (exitCode) => fail('SAMPLER_WORKER_FAILED', `worker exited with code ${exitCode} before replying`));
  });
}

/**
 * Runs each chain in its own worker_threads worker, at most `options.workers` at a time
 * (default: the smaller of chains and available CPUs). Each worker builds the target as
 * `(await import(spec.module))[spec.exportName](spec.args)`; TypeScript modules are fine.
 * Chain c uses the same random stream as in {@link sample}, so with the same seed the results
 * are bit-identical to the in-process run. The first failing chain rejects the promise with a
 * SamplerError (its own code when the chain raised one) and stops the other workers.
 */
export async function sampleInWorkers(spec: WorkerTargetSpec, options: WorkerSampleOptions): Promise<SampleResult> {
  if (typeof spec?.module !== 'string' || typeof spec.exportName !== 'string') {
    throw new SamplerError('SAMPLER_INVALID_TARGET', 'spec needs a module path or URL and an exportName');
  }
  const resolved = resolveOptions(options, undefined, ['workers']);
  const limit = options.workers ?? Math.min(resolved.chains, availableParallelism());
  if (!Number.isInteger(limit) || limit < 1) {
    throw new SamplerError('SAMPLER_INVALID_OPTIONS', `workers must be a positive integer, got ${String(limit)}`);
  }
  const running = new Set<Worker>();
  const results: ChainResult[] = new Array(resolved.chains);
  let next = 0;
  const lane = async () => {
    while (next < resolved.chains) {
      const chain = next++;
      const job: ChainJob = { spec, config: resolved.chainConfigs[chain], seed: resolved.seed, chain: resolved.firstChain + chain };
      let worker: Worker | undefined;
      try {
        results[chain] = await runChainInWorker(job, (w) => {
          worker = w;
          running.add(w);
        });
      } finally {
        if (worker !== undefined) running.delete(worker);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(limit, resolved.chains) }, lane));
  } catch (error) {
    next = resolved.chains;
    await Promise.all([...running].map((w) => w.terminate()));
    throw error;
  }
  return { chains: results };
}
