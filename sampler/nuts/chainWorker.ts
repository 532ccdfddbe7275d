/**
 * Worker-thread entry of sampleInWorkers: builds the target from its module and runs one chain.
 * Started by the bootstrap in workers.ts (which registers tsx first, so TypeScript loads).
 */
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { collectChain, NutsChain } from './chain.js';
import { SamplerError } from './errors.js';
import { checkChainStart, checkTarget, type ChainConfig } from './options.js';
import type { ChainResult, LogDensityTarget, WorkerTargetSpec } from './types.js';

/** Message data a chain worker is started with. */
export interface ChainJob {
  readonly spec: WorkerTargetSpec;
  readonly config: ChainConfig;
  readonly seed: number;
  readonly chain: number;
}

/** What a chain worker posts back. */
export type ChainReply = { readonly ok: true; readonly result: ChainResult } | { readonly ok: false; readonly code: string | undefined; readonly message: string };

async function buildTarget(spec: WorkerTargetSpec): Promise<LogDensityTarget> {
  const url = spec.module.startsWith('file:') ? spec.module : pathToFileURL(spec.module).href;
  const module = (await import(url)) as Record<string, unknown>;
  const factory = module[spec.exportName];
  if (typeof factory !== 'function') {
    throw new SamplerError('SAMPLER_INVALID_TARGET', `${spec.module} has no exported function "${spec.exportName}"`);
  }
  const target = (await factory(spec.args)) as LogDensityTarget;
  checkTarget(target);
  return target;
}

function transferables(result: ChainResult): ArrayBuffer[] {
  const stats = [result.stats, ...(result.warmupStats === undefined ? [] : [result.warmupStats])];
  const columns = stats.flatMap((s) => Object.values(s) as ArrayBufferView[]);
  return [...result.draws, result.inverseMetric, ...columns].map((view) => view.buffer as ArrayBuffer);
}

async function run(job: ChainJob): Promise<ChainReply> {
  try {
    const target = await buildTarget(job.spec);
    checkChainStart(job.config, target.dim, job.chain);
    return { ok: true, result: collectChain(NutsChain.start(target, job.config, job.seed, job.chain)) };
  } catch (error) {
    const code = error instanceof SamplerError ? error.code : undefined;
    return { ok: false, code, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

if (parentPort !== null) {
  const port = parentPort;
  const reply = await run(workerData as ChainJob);
  port.postMessage(reply, reply.ok ? transferables(reply.result) : []);
}
