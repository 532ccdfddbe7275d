/**
 * Reading rows of the `event_rows` view: the stored form (for the verifier and exports)
 * and the decoded form (payload parsed and upcast through the registry).
 */
import { EventMetadataSchema, type EventTypeRegistry, type RecordedEvent, type StoredEventRow } from '../../domain/events/index.js';
import { EventDecodingError } from '../../domain/errors.js';

/** Columns to select from event_rows, in the names toStoredRow reads. */
export const eventRowColumns = `tenant_id, tenant_seq, stream_id, stream_version, event_id, event_type, schema_version,
  payload, payload_hash, metadata, recorded_at, prev_hash, entry_hash, chain_hash, tx_id, global_pos`;

// A hand-written decoder, not a zod schema: the rows come from the event_rows view, whose
// column types and NOT NULL constraints fix their shape; this only guards against a changed
// select list. (zod per row was about a tenth of a rebuild's CPU.)

function text(row: Record<string, unknown>, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new EventDecodingError(`event_rows.${column} is ${value === null ? 'null' : typeof value}, not text`);
  return value;
}

/** node-postgres returns bigint as decimal text; the log's positions stay far below 2^53. */
function int(row: Record<string, unknown>, column: string): number {
  const value = row[column];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new EventDecodingError(`event_rows.${column} is ${String(value)}, not a safe integer`);
  return n;
}

/** A row exactly as stored (selected with eventRowColumns). */
export function toStoredRow(row: unknown): StoredEventRow {
  if (typeof row !== 'object' || row === null) throw new EventDecodingError('an event row is not an object');
  const r = row as Record<string, unknown>;
  const payload = r.payload;
  if (payload !== null && typeof payload !== 'string') throw new EventDecodingError(`event_rows.payload is ${typeof payload}, not text`);
  return {
    tenantId: text(r, 'tenant_id'),
    tenantSeq: int(r, 'tenant_seq'),
    streamId: text(r, 'stream_id'),
    streamVersion: int(r, 'stream_version'),
    eventId: text(r, 'event_id'),
    eventType: text(r, 'event_type'),
    schemaVersion: int(r, 'schema_version'),
    payload,
    payloadHash: text(r, 'payload_hash'),
    metadata: r.metadata,
    recordedAt: text(r, 'recorded_at'),
    prevHash: text(r, 'prev_hash'),
    entryHash: text(r, 'entry_hash'),
    chainHash: text(r, 'chain_hash'),
    txId: text(r, 'tx_id'),
    globalPos: int(r, 'global_pos'),
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
