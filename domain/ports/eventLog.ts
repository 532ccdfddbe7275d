/**
 * Ports of the event log: what the write side (command handlers), projections and the
 * auditor need from it. The PostgreSQL adapter in commands/eventLog implements them.
 */
import type { GlobalPosition, NewEvent, RecordedEvent, StoredEventRow } from '../events/envelope.js';

/**
 * What the stream must look like for an append to go ahead:
 * - 'any': no check;
 * - 'no_stream': the stream has no events;
 * - 'stream_exists': the stream has at least one event;
 * - a number N: the stream's last event has version N (the first event is version 0).
 * A failed check raises ConcurrencyError carrying the actual version (-1: no stream).
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

/** Version of a stream that has no events. */
export const NO_STREAM_VERSION = -1;

/** Where one event of an append landed. */
export interface EventPosition {
  readonly eventId: string;
  readonly tenantSeq: number;
  readonly streamVersion: number;
}

export interface AppendResult {
  readonly streamId: string;
  /** Version of the append's last event: the exact expected version for the next append. */
  readonly nextExpectedVersion: number;
  /** One per event, in the order given. */
  readonly positions: readonly EventPosition[];
  /** True when every event id was already in the stream and the original positions came back. */
  readonly replayed: boolean;
}

export interface AppendOptions {
  /** Defaults to 'any'. */
  readonly expectedVersion?: ExpectedVersion;
}

export interface ReadStreamOptions {
  /** First version to return (default 0). */
  readonly fromVersion?: number;
  /** At most this many events (default: all). */
  readonly maxCount?: number;
}

export interface ReadStreamResult<TPayload = unknown> {
  /** Version of the stream's last event, -1 when it has none. */
  readonly currentVersion: number;
  readonly events: readonly RecordedEvent<TPayload>[];
}

/** The write side's view: append with an expected version; read one stream to fold it. */
export interface EventLog {
  /**
   * Appends events to one stream of one tenant, atomically. Idempotent by event id: a full
   * replay returns the original positions (whatever the expected version); a partial overlap
   * raises IdempotencyConflictError. Raises ConcurrencyError on a failed expected version.
   */
  append(tenantId: string, streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(tenantId: string, streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
}

/** Last position of one tenant's log. */
export interface TenantHead {
  readonly tenantId: string;
  readonly lastSeq: number;
  /** chainHash of the event at lastSeq (64 zeros when the tenant has none). */
  readonly lastHash: string;
}

/**
 * Per-tenant feed: dense, commit-ordered sequence. A reader that keeps `afterSeq` as its
 * checkpoint never skips an event; a hole raises LogIntegrityError (an alarm, not a retry).
 */
export interface TenantFeed {
  readTenant(tenantId: string, afterSeq: number, limit: number): Promise<readonly RecordedEvent[]>;
  /** The same range, undecoded, exactly as stored (for the verifier and exports). */
  readStoredRows(tenantId: string, afterSeq: number, limit: number): Promise<readonly StoredEventRow[]>;
  tenantHeads(): Promise<readonly TenantHead[]>;
}

/** A page of the cross-tenant feed and the position to pass next time. */
export interface GlobalFeedPage {
  readonly events: readonly RecordedEvent[];
  /** Position of the last event returned, or the position passed in when none. */
  readonly position: GlobalPosition | null;
}

/**
 * Cross-tenant feed for platform consumers, ordered by (transaction id, global position).
 * It only returns transactions older than every open one, so it never skips a late commit
 * and keeps each stream's order; an open transaction anywhere in the cluster holds it back.
 */
export interface GlobalFeed {
  readAll(after: GlobalPosition | null, limit: number): Promise<GlobalFeedPage>;
}

/** A committed append, as announced to listeners (NOTIFY). Polling stays the backstop. */
export interface AppendNotice {
  readonly tenantId: string;
  readonly lastSeq: number;
}

export interface AppendNotifications {
  /**
   * Calls `listener` after appends commit; resolves to a function that stops listening.
   * `onLost` is called once if the listening connection fails (the database restarted, the
   * network broke): notices then stop until the caller subscribes again.
   */
  subscribe(listener: (notice: AppendNotice) => void, onLost?: (error: Error) => void): Promise<() => Promise<void>>;
}
