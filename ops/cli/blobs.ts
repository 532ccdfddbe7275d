/**
 * `navcast blobs sweep [--dry-run] [--grace-s N] [--blobs DIR]`: one run of the orphan blob
 * sweep that `npm start` runs at start and every hour (docs/operations.md, "Blob sweep").
 * Prints the report as JSON: per kind what was stored, referenced, in grace and removed,
 * each orphan removed (or, with --dry-run, found) and what was kept as unsure, with why.
 */
import pg from 'pg';
import { DEFAULT_UPLOAD_GRACE_MS, type SweepReport, sweepBlobs, uploadBlobRule } from '../../commands/blobs/index.js';
import { LocalBlobStore } from '../blobs/index.js';
import { UsageError } from './args.js';

/** The grace period from `--grace-s`, at least 60 s (an upload in progress must never lose its file). */
export function graceOption(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_UPLOAD_GRACE_MS;
  const seconds = Number(value);
  if (!Number.isSafeInteger(seconds) || seconds < 60) throw new UsageError('--grace-s must be a whole number of seconds, at least 60');
  return seconds * 1000;
}

export async function sweepOrphanBlobs(url: string, blobDir: string, options: { dryRun: boolean; graceMs: number }): Promise<SweepReport> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    return await sweepBlobs(new LocalBlobStore(blobDir), [uploadBlobRule(pool, options.graceMs)], { dryRun: options.dryRun });
  } finally {
    await pool.end();
  }
}
