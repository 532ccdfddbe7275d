/**
 * Where sealed checkpoints go. The folder store keeps one file per tenant per tree size,
 * `DIR/<tenantId>/<treeSize, 16 digits>.json`, created atomically and never overwritten
 * (in production the folder sits on write-once storage). An object store implements the
 * same interface with conditional puts.
 */
import { link, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseCheckpointRecord, serializeCheckpointRecord, type CheckpointRecord } from './checkpoint.js';
import { AuditInputError, CheckpointExistsError } from './errors.js';

/** Write-once storage of checkpoint records. */
export interface CheckpointStore {
  /** Every record of a tenant, ordered by tree size. */
  list(tenantId: string): Promise<CheckpointRecord[]>;
  /** Stores a record; an identical record already there is accepted, a different one is refused. */
  put(record: CheckpointRecord): Promise<void>;
  /** Tenants that have at least one checkpoint. */
  tenants(): Promise<string[]>;
}

const safeName = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const recordFile = /^(\d{16})\.json$/;

function tenantFolderName(tenantId: string): string {
  if (!safeName.test(tenantId)) throw new AuditInputError(`tenant id ${JSON.stringify(tenantId)} cannot name a folder`);
  return tenantId;
}

/** File name of a record of the given tree size. */
export function checkpointFileName(treeSize: number): string {
  return `${String(treeSize).padStart(16, '0')}.json`;
}

/** Checkpoints as files in a folder. */
export class FolderCheckpointStore implements CheckpointStore {
  constructor(readonly root: string) {}

  async list(tenantId: string): Promise<CheckpointRecord[]> {
    const folder = join(this.root, tenantFolderName(tenantId));
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: CheckpointRecord[] = [];
    for (const name of names.filter((n) => recordFile.test(n)).sort()) {
      const path = join(folder, name);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        throw new AuditInputError(`${path}: not JSON: ${(error as Error).message}`, { cause: error });
      }
      records.push(parseCheckpointRecord(json, path));
    }
    return records.sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize);
  }

  async put(record: CheckpointRecord): Promise<void> {
    const folder = join(this.root, tenantFolderName(record.checkpoint.tenantId));
    await mkdir(folder, { recursive: true });
    const target = join(folder, checkpointFileName(record.checkpoint.treeSize));
    const text = serializeCheckpointRecord(record);
    // Write aside, then hard-link into place: link() fails if the target exists, so a
    // record is never replaced and readers never see a half-written file.
    const temporary = join(folder, `.tmp-${randomBytes(8).toString('hex')}`);
    await writeFile(temporary, text, { flag: 'wx' });
    try {
      await link(temporary, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = await readFile(target, 'utf8');
      if (existing !== text) throw new CheckpointExistsError(`${target} already holds a different checkpoint`);
    } finally {
      await unlink(temporary);
    }
  }

  async tenants(): Promise<string[]> {
    try {
      return (await readdir(this.root, { withFileTypes: true }))
        .filter((e) => e.isDirectory() && safeName.test(e.name))
        .map((e) => e.name)
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
