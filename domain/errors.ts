/**
 * The platform's typed error hierarchy. Every error carries a stable machine `code` that
 * callers branch on and that the web layer maps to HTTP (problem+json) in one place.
 * Messages are for people; codes are the contract. Add new classes here rather than
 * throwing strings or bare `Error`s.
 */

/**
 * Base class of every error the product raises on purpose: a stable `code` (the contract),
 * the HTTP status it answers with, an optional `retryable` hint for callers that retry, and
 * `problemDetails()`: the safe extra members of its problem+json. The web layer maps any
 * NavcastError by these alone (web/problems.ts); 5xx messages are never shown, except a 503's.
 */
export abstract class NavcastError extends Error {
  abstract readonly code: string;
  /** The HTTP status of this error: 4xx the caller can fix, 503 try again, 500 our fault. */
  abstract readonly status: number;
  /** True when repeating the same operation (in a new transaction) may succeed. */
  readonly retryable: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** Extra problem+json members that are safe to show (default none). */
  problemDetails(): Readonly<Record<string, unknown>> {
    return {};
  }
}

/**
 * A document (fit settings, a model configuration, a fund input) that fails its schema:
 * `issues` are "path: message" lines naming every problem, shown as the problem's `issues`.
 */
export abstract class InvalidDocumentError extends NavcastError {
  readonly status: number = 400;
  constructor(
    what: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid ${what}:\n  ${issues.join('\n  ')}`);
  }

  override problemDetails(): Readonly<Record<string, unknown>> {
    return { issues: this.issues };
  }
}

/** Input that fails validation at a boundary (command, event payload, metadata). */
export class ValidationError extends NavcastError {
  readonly code = 'validation_failed';
  readonly status = 400;
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  override problemDetails(): Readonly<Record<string, unknown>> {
    return this.issues.length > 0 ? { issues: this.issues } : {};
  }
}

/** Something that was asked for does not exist. */
export class NotFoundError extends NavcastError {
  readonly code = 'not_found';
  readonly status = 404;
}

/** The stream is not at the version the caller expected; `actualVersion` -1 means no stream. */
export class ConcurrencyError extends NavcastError {
  readonly code = 'concurrency_conflict';
  readonly status = 409;
  constructor(
    readonly streamId: string,
    readonly expectedVersion: string | number,
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expectedVersion)}, actual ${actualVersion}`);
  }
}

/**
 * An append whose event ids were partly recorded already, or recorded in another stream.
 * A full replay of the same ids in the same stream is not an error (it returns the original
 * positions); anything in between means two different appends share ids.
 */
export class IdempotencyConflictError extends NavcastError {
  readonly code = 'idempotency_conflict';
  readonly status = 409;
  constructor(
    readonly streamId: string,
    readonly detail: string,
  ) {
    super(`stream ${streamId}: ${detail}`);
  }
}

/**
 * A transaction younger than this one already appended to the same stream. Appending now
 * would let the cross-tenant feed (ordered by transaction id) show the streams' events out
 * of order, so the append is refused; retrying in a new transaction succeeds.
 */
export class StreamOrderConflictError extends NavcastError {
  readonly code = 'stream_order_conflict';
  readonly status = 409;
  override readonly retryable = true;
  constructor(readonly streamId: string) {
    super(`stream ${streamId}: a younger transaction appended first; retry in a new transaction`);
  }
}

/** An event type (or one of its schema versions) that the registry does not know. */
export class UnknownEventTypeError extends NavcastError {
  readonly code = 'unknown_event_type';
  readonly status = 500;
  constructor(
    readonly eventType: string,
    readonly schemaVersion?: number,
  ) {
    super(schemaVersion === undefined ? `unknown event type ${eventType}` : `event type ${eventType} has no schema version ${schemaVersion}`);
  }
}

/** A stored event that no longer parses (after upcasting) against its registered schema. */
export class EventDecodingError extends NavcastError {
  readonly code = 'event_decoding_failed';
  readonly status = 500;
}

/** A value that canonical JSON cannot represent (non-finite number, undefined, cycle...). */
export class CanonicalJsonError extends NavcastError {
  readonly code = 'canonical_json_invalid';
  readonly status = 500;
}

/**
 * The log broke one of its invariants as seen by a reader: a hole in a tenant sequence,
 * a chain link that does not match. Never retried: it is an alarm.
 */
export class LogIntegrityError extends NavcastError {
  readonly code = 'log_integrity_violation';
  readonly status = 500;
}

/** A write that would change or remove recorded events (rejected by the database). */
export class AppendOnlyViolationError extends NavcastError {
  readonly code = 'append_only_violation';
  readonly status = 500;
}

/** A redaction was asked for without a matching recorded redaction event. */
export class RedactionRefusedError extends NavcastError {
  readonly code = 'redaction_refused';
  readonly status = 500;
}

/**
 * Work was refused because a bounded queue is full (for example the upload parsers):
 * nothing was done, and the same request may succeed in `retryAfterSeconds`.
 */
export class ServiceBusyError extends NavcastError {
  readonly code = 'service_busy';
  readonly status = 503;
  override readonly retryable = true;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }

  override problemDetails(): Readonly<Record<string, unknown>> {
    return { retryAfter: this.retryAfterSeconds };
  }
}

/** The database cannot be reached (refused, reset, shutting down): a 503, not a failure of the request. */
export class DatabaseUnavailableError extends NavcastError {
  readonly code = 'database_unavailable';
  readonly status = 503;
  override readonly retryable = true;
  readonly retryAfterSeconds = 5;

  override problemDetails(): Readonly<Record<string, unknown>> {
    return { retryAfter: this.retryAfterSeconds };
  }
}
