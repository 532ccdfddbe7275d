/**
 * Worker-thread entry of the parser pool (parserPool.ts): reads each workbook it is sent
 * (readUpload, as in-process callers do) and posts the result back.
 */
import { parentPort } from 'node:worker_threads';
import type { ParseOptions } from './parseWorkbook.js';
import { readUpload } from './readUpload.js';

export interface ParseJob {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly options: Omit<ParseOptions, 'onPhase'>;
}

parentPort?.on('message', (job: ParseJob) => {
  readUpload(job.bytes, job.fileName, job.options).then(
    (result) => parentPort?.postMessage({ id: job.id, result }),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );
});
parentPort?.postMessage({ ready: true });
