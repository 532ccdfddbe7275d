/**
 * Atomic appends to several streams of one tenant, and reads of several streams in one
 * query. An upload appends FileUploaded and every fund's events in one transaction, each
 * stream with its own expected version: either all of it is recorded or none of it, so an
 * upload can never half-succeed. (The EventLog port appends one stream at a time.)
 */
import type pg from 'pg';
import type { EventTypeRegistry, NewEvent } from '../../domain/events/index.js';
import type { AppendResult, ExpectedVersion, ReadStreamResult } from '../../domain/ports/index.js';
import { callAppend, decodeStoredRow, encodeAppend, eventRowColumns, outcomeToResult, toStoredRow, withTenant } from '../eventLog/index.js';

/** One stream's part of an atomic append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: ExpectedVersion;
}

/** What the upload handler needs beyond the EventLog port. */
export interface MultiStreamLog {
  /** Every event of each stream (absent streams have version -1 and no events). */
  readStreams(tenantId: string, streamIds: readonly string[]): Promise<Map<string, ReadStreamResult>>;
  /**
   * Appends to every stream in one transaction. The first refused request (expected version,
   * idempotency, stream order) rolls everything back and is thrown as its typed error.
   */
  appendAtomically(tenantId: string, appends: readonly StreamAppend[]): Promise<AppendResult[]>;
}

/** The PostgreSQL implementation, on the log's tables and navcast_append. */
export class PgMultiStreamLog implements MultiStreamLog {
  constructor(
    private readonly pool: pg.Pool,
    private readonly registry: EventTypeRegistry,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async readStreams(tenantId: string, streamIds: readonly string[]): Promise<Map<string, ReadStreamResult>> {
    const ids = [...new Set(streamIds.map((s) => s.normalize('NFC')))];
    return await withTenant(this.pool, tenantId, async (client) => {
      const heads = await client.query<{ stream_id: string; version: string }>('SELECT stream_id, version FROM streams WHERE tenant_id = $1 AND stream_id = ANY($2::text[])', [tenantId, ids]);
      const rows = await client.query(`SELECT ${eventRowColumns} FROM event_rows WHERE tenant_id = $1 AND stream_id = ANY($2::text[]) ORDER BY stream_id, stream_version`, [tenantId, ids]);
      const result = new Map<string, { currentVersion: number; events: ReturnType<typeof decodeStoredRow>[] }>();
      for (const id of ids) result.set(id, { currentVersion: -1, events: [] });
      for (const head of heads.rows) result.get(head.stream_id)!.currentVersion = Number(head.version);
      for (const row of rows.rows) {
        const event = decodeStoredRow(this.registry, toStoredRow(row));
        result.get(event.streamId)!.events.push(event);
      }
      return result;
    });
  }

  async appendAtomically(tenantId: string, appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const requests = appends.map((a) => encodeAppend(this.registry, a.streamId, a.events, a.expectedVersion, this.clock));
    return await withTenant(this.pool, tenantId, async (client) => {
      const outcomes = await callAppend(client, tenantId, requests);
      return outcomes.map((outcome, i) => {
        const result = outcomeToResult(requests[i], outcome);
        if (result instanceof Error) throw result; // withTenant rolls the whole transaction back
        return result;
      });
    });
  }
}
