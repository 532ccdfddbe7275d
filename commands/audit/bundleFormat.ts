/**
 * The export bundle: a folder an auditor verifies offline, without the database.
 *   manifest.json            format, tenant, head row, event count, sha256 of every other file
 *   events.ndjson            one row per line, tenant_seq order; payload as base64 of its exact bytes
 *   checkpoints/NNNN.json    the tenant's signed checkpoint records, as stored
 *   public-keys/KEYID.pem    public keys of the sealer (trust them only if you know them)
 * The manifest is not signed: it catches damage in transit. Trust comes from the signed
 * checkpoints and from pinning the sealer's public key (`--public-key`).
 */
import { Sha256Hex } from '../../domain/hex.js';
import { z } from 'zod';
import { AuditInputError } from './errors.js';
import type { AuditRow } from './findings.js';

export const bundleFormat = 'navcast-audit-bundle/v1';
export const eventsFile = 'events.ndjson';
export const manifestFile = 'manifest.json';
export const checkpointsFolder = 'checkpoints';
export const publicKeysFolder = 'public-keys';

const hex64 = Sha256Hex;

export const BundleManifestSchema = z.strictObject({
  format: z.literal(bundleFormat),
  tenantId: z.string().min(1),
  exportedAt: z.string(),
  eventCount: z.number().int().nonnegative(),
  /** The tenant_log_head row at export time (null when the tenant had none). */
  head: z.strictObject({ lastSeq: z.number().int().nonnegative(), lastHash: z.string() }).nullable(),
  /** Relative path -> lowercase hex sha256 of the file's bytes. */
  files: z.record(z.string(), hex64),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** One line of events.ndjson. */
interface BundleLine {
  tenantId: string;
  tenantSeq: number;
  streamId: string;
  streamVersion: number;
  eventId: string;
  eventType: string;
  schemaVersion: number;
  /** Base64 of the payload's exact UTF-8 bytes; null once redacted. */
  payload: string | null;
  payloadHash: string;
  metadata: unknown;
  recordedAt: string;
  prevHash: string;
  entryHash: string;
  chainHash: string;
}

/** A row as one NDJSON line (with the newline). */
export function rowToLine(row: AuditRow): string {
  const line: BundleLine = {
    tenantId: row.tenantId,
    tenantSeq: row.tenantSeq,
    streamId: row.streamId,
    streamVersion: row.streamVersion,
    eventId: row.eventId,
    eventType: row.eventType,
    schemaVersion: row.schemaVersion,
    payload: row.payload === null ? null : Buffer.from(row.payload, 'utf8').toString('base64'),
    payloadHash: row.payloadHash,
    metadata: row.metadata,
    recordedAt: row.recordedAt,
    prevHash: row.prevHash,
    entryHash: row.entryHash,
    chainHash: row.chainHash,
  };
  return `${JSON.stringify(line)}\n`;
}

const stringFields = ['tenantId', 'streamId', 'eventId', 'eventType', 'payloadHash', 'recordedAt', 'prevHash', 'entryHash', 'chainHash'] as const;
const integerFields = ['tenantSeq', 'streamVersion', 'schemaVersion'] as const;

/** Parses one NDJSON line back into a row; a malformed line is an input error (not a finding). */
export function lineToRow(text: string, lineNumber: number): AuditRow {
  let value: Partial<Record<keyof BundleLine, unknown>>;
  try {
    value = JSON.parse(text) as typeof value;
  } catch (error) {
    throw new AuditInputError(`${eventsFile} line ${lineNumber}: not JSON`, { cause: error });
  }
  const bad = (field: string): never => {
    throw new AuditInputError(`${eventsFile} line ${lineNumber}: field ${field} missing or of the wrong type`);
  };
  if (typeof value !== 'object' || value === null) bad('(line)');
  for (const field of stringFields) if (typeof value[field] !== 'string') bad(field);
  for (const field of integerFields) if (!Number.isSafeInteger(value[field])) bad(field);
  if (value.payload !== null && typeof value.payload !== 'string') bad('payload');
  if (!('metadata' in value)) bad('metadata');
  const v = value as BundleLine;
  return {
    tenantId: v.tenantId,
    tenantSeq: v.tenantSeq,
    streamId: v.streamId,
    streamVersion: v.streamVersion,
    eventId: v.eventId,
    eventType: v.eventType,
    schemaVersion: v.schemaVersion,
    payload: v.payload === null ? null : Buffer.from(v.payload, 'base64').toString('utf8'),
    payloadHash: v.payloadHash,
    metadata: v.metadata,
    recordedAt: v.recordedAt,
    prevHash: v.prevHash,
    entryHash: v.entryHash,
    chainHash: v.chainHash,
  };
}
