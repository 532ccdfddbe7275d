/**
 * Reading rows of the `event_rows` view: the stored form (for the verifier and exports)
 * and the decoded form (payload parsed and upcast through the registry).
 */
import { z } from 'zod';
import { EventMetadataSchema, type EventTypeRegistry, type RecordedEvent, type StoredEventRow } from '../../domain/events/index.js';
import { EventDecodingError } from '../../domain/errors.js';

/** Columns to select from event_rows, in the names rowSchema expects. */
export const eventRowColumns = `tenant_id, tenant_seq, stream_id, stream_version, event_id, event_type, schema_version,
  payload, payload_hash, metadata, recorded_at, prev_hash, entry_hash, chain_hash, tx_id, global_pos`;

// node-postgres returns bigint, uuid and xid8 as strings; bigints here stay far below 2^53.
const int = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number).pipe(z.number().int().safe());

const rowSchema = z.object({
  tenant_id: z.string(),
  tenant_seq: int,
  stream_id: z.string(),
  stream_version: int,
  event_id: z.string(),
  event_type: z.string(),
  schema_version: int,
  payload: z.string().nullable(),
  payload_hash: z.string(),
  metadata: z.unknown(),
  recorded_at: z.string(),
  prev_hash: z.string(),
  entry_hash: z.string(),
  chain_hash: z.string(),
  tx_id: z.string(),
  global_pos: int,
});

/** A row exactly as stored. */
export function toStoredRow(row: unknown): StoredEventRow {
  const r = rowSchema.parse(row);
  return {
    tenantId: r.tenant_id,
    tenantSeq: r.tenant_seq,
    streamId: r.stream_id,
    streamVersion: r.stream_version,
    eventId: r.event_id,
    eventType: r.event_type,
    schemaVersion: r.schema_version,
    payload: r.payload,
    payloadHash: r.payload_hash,
    metadata: r.metadata,
    recordedAt: r.recorded_at,
    prevHash: r.prev_hash,
    entryHash: r.entry_hash,
    chainHash: r.chain_hash,
    txId: r.tx_id,
    globalPos: r.global_pos,
  };
}

/** A stored row decoded: payload parsed and upcast to its type's current schema version. */
export function decodeStoredRow(registry: EventTypeRegistry, row: StoredEventRow): RecordedEvent {
  let payload: unknown = null;
  if (row.payload !== null) {
    let raw: unknown;
    try {
      raw = JSON.parse(row.payload);
    } catch (error) {
      throw new EventDecodingError(`payload of tenant ${row.tenantId} seq ${row.tenantSeq} is not JSON`, { cause: error });
    }
    payload = registry.decode(row.eventType, row.schemaVersion, raw);
  }
  const metadata = EventMetadataSchema.safeParse(row.metadata);
  if (!metadata.success) {
    throw new EventDecodingError(`metadata of tenant ${row.tenantId} seq ${row.tenantSeq}: ${metadata.error.message}`);
  }
  return {
    tenantId: row.tenantId,
    tenantSeq: row.tenantSeq,
    streamId: row.streamId,
    streamVersion: row.streamVersion,
    eventId: row.eventId,
    eventType: row.eventType,
    storedSchemaVersion: row.schemaVersion,
    payload,
    metadata: metadata.data,
    recordedAt: row.recordedAt,
    hashes: { payloadHash: row.payloadHash, prevHash: row.prevHash, entryHash: row.entryHash, chainHash: row.chainHash },
    position: { txId: row.txId, globalPos: row.globalPos },
  };
}
