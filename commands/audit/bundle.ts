/**
 * Writes an export bundle of one tenant from a live database (one snapshot), and verifies a
 * bundle offline with the same checks as the live verifier. Format: bundleFormat.ts.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import { parseCheckpointRecord, serializeCheckpointRecord, type CheckpointRecord } from './checkpoint.js';
import type { CheckpointStore } from './checkpointStore.js';
import { checkpointFileName } from './checkpointStore.js';
import { BundleManifestSchema, bundleFormat, checkpointsFolder, eventsFile, lineToRow, manifestFile, publicKeysFolder, rowToLine, type BundleManifest } from './bundleFormat.js';
import { AuditInputError } from './errors.js';
import type { AuditRow } from './findings.js';
import { keyIdOf, parsePublicKey, publicKeyPem, trustKeys, type TrustedKeys } from './keys.js';
import { inSnapshot, readTenantHead, tenantRows } from './liveLog.js';
import { verifyRows, type VerifyResult } from './verifier.js';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

async function requireEmptyFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new AuditInputError(`${dir} is not empty: a bundle is never written over other files`);
}

/** Writes the bundle of `tenantId` into `dir` (created; must be empty). Returns its manifest. */
export async function exportBundle(
  client: pg.ClientBase,
  tenantId: string,
  dir: string,
  options: { readonly store?: CheckpointStore; readonly publicKeys?: readonly KeyObject[]; readonly clock?: () => Date; readonly batchSize?: number },
): Promise<BundleManifest> {
  await requireEmptyFolder(dir);
  const files: Record<string, string> = {};
  const { head, eventCount } = await inSnapshot(client, async () => {
    const snapshotHead = await readTenantHead(client, tenantId);
    const out = createWriteStream(join(dir, eventsFile), { flags: 'wx' });
    const digest = createHash('sha256');
    let count = 0;
    try {
      for await (const batch of tenantRows(client, tenantId, { batchSize: options.batchSize })) {
        const text = batch.map(rowToLine).join('');
        digest.update(text);
        count += batch.length;
        if (!out.write(text)) await once(out, 'drain');
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
    files[eventsFile] = digest.digest('hex');
    return { head: snapshotHead, eventCount: count };
  });
  const records = (await options.store?.list(tenantId)) ?? [];
  if (records.length > 0) await mkdir(join(dir, checkpointsFolder));
  for (const record of records) {
    const name = `${checkpointsFolder}/${checkpointFileName(record.checkpoint.treeSize)}`;
    const text = serializeCheckpointRecord(record);
    await writeFile(join(dir, name), text, { flag: 'wx' });
    files[name] = sha256(text);
  }
  if ((options.publicKeys ?? []).length > 0) await mkdir(join(dir, publicKeysFolder));
  for (const key of options.publicKeys ?? []) {
    const name = `${publicKeysFolder}/${keyIdOf(key)}.pem`;
    const text = publicKeyPem(key);
    await writeFile(join(dir, name), text, { flag: 'wx' });
    files[name] = sha256(text);
  }
  const manifest: BundleManifest = {
    format: bundleFormat,
    tenantId,
    exportedAt: (options.clock ?? (() => new Date()))().toISOString(),
    eventCount,
    head: head === null ? null : { lastSeq: head.lastSeq, lastHash: head.lastHash },
    files,
  };
  await writeFile(join(dir, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  return manifest;
}

async function* bundleRows(path: string, batchSize = 5000): AsyncGenerator<AuditRow[]> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let batch: AuditRow[] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line === '') continue;
    batch.push(lineToRow(line, lineNumber));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** A bundle verification: the log's result plus which keys were trusted and whence. */
export interface BundleVerification extends VerifyResult {
  readonly keySource: 'pinned' | 'bundle';
  readonly keyIds: readonly string[];
}

/**
 * Verifies a bundle offline. `trustedKeys` pins the sealer's keys; without it the bundle's
 * own public keys are used (which proves integrity only if those keys are known to be the
 * sealer's: the result says so). `checkpoints` adds records from the auditor's own copy of
 * the write-once store, so that a bundle stripped of its checkpoints cannot hide a truncation.
 * The log is walked first (its findings are the informative ones); the manifest's file
 * hashes, which carry no trust of their own, are checked after.
 */
export async function verifyBundle(dir: string, options: { readonly trustedKeys?: TrustedKeys; readonly checkpoints?: readonly CheckpointRecord[] } = {}): Promise<BundleVerification> {
  let manifest: BundleManifest;
  try {
    manifest = BundleManifestSchema.parse(JSON.parse(await readFile(join(dir, manifestFile), 'utf8')));
  } catch (error) {
    throw new AuditInputError(`${join(dir, manifestFile)}: not a ${bundleFormat} manifest: ${(error as Error).message}`, { cause: error });
  }
  const names = Object.keys(manifest.files).sort();
  for (const name of names) {
    if (name.includes('..') || name.startsWith('/')) throw new AuditInputError(`manifest names a file outside the bundle: ${name}`);
  }
  const records: CheckpointRecord[] = [...(options.checkpoints ?? [])];
  const bundleKeys: KeyObject[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => null);
    if (text === null) continue; // reported by the manifest check
    if (name.startsWith(`${checkpointsFolder}/`)) records.push(parseCheckpointRecord(JSON.parse(text), name));
    if (name.startsWith(`${publicKeysFolder}/`)) bundleKeys.push(parsePublicKey(text));
  }
  records.sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize);
  const trustedKeys = options.trustedKeys ?? trustKeys(...bundleKeys);
  const keyMeta = { keySource: options.trustedKeys === undefined ? ('bundle' as const) : ('pinned' as const), keyIds: [...trustedKeys.keys()] };
  const head = manifest.head === null ? null : { tenantId: manifest.tenantId, ...manifest.head };
  const rows = names.includes(eventsFile) && existsSync(join(dir, eventsFile)) ? bundleRows(join(dir, eventsFile)) : noRows();
  const result = await verifyRows(manifest.tenantId, rows, head, { checkpoints: dedupe(records), trustedKeys });
  if (!result.ok) return { ...result, ...keyMeta };
  const fileFailure = await checkManifestFiles(dir, manifest);
  if (fileFailure !== null) return { ...result, ...keyMeta, ok: false, failure: fileFailure };
  if (result.eventsChecked !== manifest.eventCount) {
    const detail = `the manifest lists ${manifest.eventCount} events, the bundle holds ${result.eventsChecked}`;
    return { ...result, ...keyMeta, ok: false, failure: { class: 'truncation', position: result.lastSeq + 1, detail } };
  }
  return { ...result, ...keyMeta };
}

async function* noRows(): AsyncGenerator<AuditRow[]> {}

/** Identical records from the bundle and the auditor's store count once. */
function dedupe(records: readonly CheckpointRecord[]): CheckpointRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const key = serializeCheckpointRecord(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every file the manifest names must be present with the listed sha256; nothing may be missing. */
async function checkManifestFiles(dir: string, manifest: BundleManifest): Promise<VerifyResult['failure']> {
  if (!(eventsFile in manifest.files)) return { class: 'truncation', position: 1, detail: `the manifest does not list ${eventsFile}` };
  for (const [name, expected] of Object.entries(manifest.files)) {
    let actual: string;
    try {
      actual = await fileSha256(join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return { class: name === eventsFile ? 'truncation' : 'inconsistency', position: 0, detail: `bundle file ${name} is missing` };
    }
    if (actual !== expected) return { class: 'hash mismatch', position: 0, detail: `bundle file ${name} does not have the sha256 the manifest lists` };
  }
  return null;
}

async function fileSha256(path: string): Promise<string> {
  const digest = createHash('sha256');
  for await (const chunk of createReadStream(path)) digest.update(chunk as Buffer);
  return digest.digest('hex');
}
