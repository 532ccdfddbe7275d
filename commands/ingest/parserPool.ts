/**
 * Workbook parsing off the event loop: a fixed pool of worker threads, a bounded queue and a
 * time and memory limit per workbook, so that no upload, however shaped, slows the server's
 * other requests (docs/workbook-format.md, "Limits"). A workbook that runs past the time
 * limit or the memory limit is answered with a `file_too_complex` problem and its worker is
 * replaced; a full queue is a ServiceBusyError (HTTP 503 with Retry-After). Workers start on
 * first use.
 */
import type { Worker } from 'node:worker_threads';
import { ServiceBusyError } from '../../domain/errors.js';
import { startTsWorker } from '../workers/tsWorker.js';
import type { ParseJob } from './parserWorker.js';
import { fileProblem } from './problems.js';
import type { ReadResult, WorkbookReader } from './readUpload.js';

export interface ParserPoolOptions {
  /** Worker threads (default 1). */
  readonly workers?: number;
  /** Workbooks waiting beyond those being parsed before new ones are refused (default 16). */
  readonly queueLimit?: number;
  /** Wall time one workbook may take in its worker, in ms (default 30,000). */
  readonly timeoutMs?: number;
  /** Heap a worker may use, in MB (default 1024); past it the workbook is refused. */
  readonly maxHeapMb?: number;
}

interface Pending {
  readonly job: ParseJob;
  resolve(result: ReadResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker | null;
  busy: Pending | null;
  timer: NodeJS.Timeout | null;
}

const entry = new URL('./parserWorker.ts', import.meta.url);

function tooComplex(why: string): ReadResult {
  return { ok: false, problems: [fileProblem('file_too_complex', `${why}: split the funds over several smaller files and upload them one by one`)] };
}

export class ParserPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private readonly queueLimit: number;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private nextId = 1;
  private closed = false;

  constructor(options: ParserPoolOptions = {}) {
    const workers = options.workers ?? 1;
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`parser pool: workers must be a positive integer, got ${workers}`);
    this.slots = Array.from({ length: workers }, () => ({ worker: null, busy: null, timer: null }));
    this.queueLimit = options.queueLimit ?? 16;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxHeapMb = options.maxHeapMb ?? 1024;
  }

  /** Queues a workbook; resolves with what readUpload would give (problems included). */
  readonly read: WorkbookReader = (bytes, fileName, options = {}) => {
    if (this.closed) return Promise.reject(new Error('parser pool: closed'));
    const idle = this.slots.some((slot) => slot.busy === null);
    if (!idle && this.queue.length >= this.queueLimit) {
      return Promise.reject(new ServiceBusyError(`${this.queue.length} workbooks are waiting to be read: try again in a few seconds`, 5));
    }
    const { onPhase: _ignored, ...sendable } = options;
    return new Promise<ReadResult>((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, bytes, fileName, options: sendable }, resolve, reject });
      this.pump();
    });
  };

  /** Workbooks being parsed and waiting (for /healthz and tests). */
  get load(): { readonly running: number; readonly queued: number } {
    return { running: this.slots.filter((slot) => slot.busy !== null).length, queued: this.queue.length };
  }

  /** Stops every worker; queued and running workbooks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('parser pool: closed'));
    await Promise.all(this.slots.map((slot) => this.retire(slot, (p) => p.reject(new Error('parser pool: closed')))));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy !== null) continue;
      const pending = this.queue.shift() as Pending;
      slot.busy = pending;
      const worker = slot.worker ?? this.spawn(slot);
      slot.timer = setTimeout(() => {
        void this.retire(slot, (p) => p.resolve(tooComplex(`reading the file took longer than ${Math.round(this.timeoutMs / 1000)} s`)));
      }, this.timeoutMs);
      worker.postMessage(pending.job);
    }
  }

  private spawn(slot: Slot): Worker {
    const worker = startTsWorker(entry, {}, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    worker.unref();
    worker.on('message', (message: { id?: number; result?: ReadResult; error?: string }) => {
      const pending = slot.busy;
      if (message.id === undefined || pending === null || pending.job.id !== message.id) return;
      this.finish(slot);
      if (message.error !== undefined) pending.reject(new Error(`workbook parser: ${message.error}`));
      else pending.resolve(message.result as ReadResult);
      this.pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const pending = slot.busy;
      slot.worker = null;
      this.finish(slot);
      if (pending !== null) {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') pending.resolve(tooComplex(`reading the file needs more than ${this.maxHeapMb} MB of memory`));
        else pending.reject(new Error(`workbook parser: ${error.message}`, { cause: error }));
      }
      this.pump();
    });
    worker.on('exit', () => {
      if (slot.worker === worker) slot.worker = null;
    });
    slot.worker = worker;
    return worker;
  }

  private finish(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.busy = null;
  }

  /** Ends a slot's worker (a stuck or closing one) and settles its workbook with `settle`. */
  private async retire(slot: Slot, settle: (pending: Pending) => void): Promise<void> {
    const pending = slot.busy;
    const worker = slot.worker;
    slot.worker = null;
    this.finish(slot);
    if (pending !== null) settle(pending);
    if (worker !== null) await worker.terminate();
    if (!this.closed) this.pump();
  }
}
