/**
 * The PostgreSQL event log: appends through group commit (one navcast_append call per
 * tenant batch), reads streams under the tenant's RLS scope, decodes through the registry.
 */
import type pg from 'pg';
import { EVENT_PAYLOAD_REDACTED, type EventTypeRegistry, type NewEvent } from '../../domain/events/index.js';
import { ValidationError } from '../../domain/errors.js';
import type { AppendOptions, AppendResult, EventLog, ReadStreamOptions, ReadStreamResult } from '../../domain/ports/index.js';
import { GroupCommitAppender, type GroupCommitOptions } from './groupCommit.js';
import { decodeStoredRow, eventRowColumns, toStoredRow } from './rows.js';
import { withTenant } from './tenantScope.js';
import { encodeAppend, normalizeStreamId } from './wire.js';

export interface PgEventLogOptions {
  /** Source of recordedAt for events that do not carry one (default: the system clock). */
  readonly clock?: () => Date;
  readonly groupCommit?: GroupCommitOptions;
}

export class PgEventLog implements EventLog {
  readonly #pool: pg.Pool;
  readonly #registry: EventTypeRegistry;
  readonly #clock: () => Date;
  readonly #appender: GroupCommitAppender;

  /** `registry` must include the log's own event types (EventPayloadRedacted). */
  constructor(pool: pg.Pool, registry: EventTypeRegistry, options: PgEventLogOptions = {}) {
    if (!registry.has(EVENT_PAYLOAD_REDACTED)) {
      throw new ValidationError(`the event registry must register ${EVENT_PAYLOAD_REDACTED} (domain/events)`);
    }
    this.#pool = pool;
    this.#registry = registry;
    this.#clock = options.clock ?? (() => new Date());
    this.#appender = new GroupCommitAppender(pool, options.groupCommit);
  }

  async append(tenantId: string, streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const request = encodeAppend(this.#registry, streamId, events, options.expectedVersion ?? 'any', this.#clock);
    return await this.#appender.append(tenantId, request);
  }

  async readStream(tenantId: string, streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    const stream = normalizeStreamId(streamId);
    const fromVersion = options.fromVersion ?? 0;
    const limit = options.maxCount ?? null;
    return await withTenant(this.#pool, tenantId, async (client) => {
      const head = await client.query<{ version: string }>('SELECT version FROM streams WHERE tenant_id = $1 AND stream_id = $2', [tenantId, stream]);
      const rows = await client.query(
        `SELECT ${eventRowColumns} FROM event_rows
          WHERE tenant_id = $1 AND stream_id = $2 AND stream_version >= $3
          ORDER BY stream_version LIMIT $4`,
        [tenantId, stream, fromVersion, limit],
      );
      return {
        currentVersion: head.rows.length === 0 ? -1 : Number(head.rows[0].version),
        events: rows.rows.map((row) => decodeStoredRow(this.#registry, toStoredRow(row))),
      };
    });
  }
}
