/**
 * One call of navcast_append on a given connection, and the mapping of its outcomes to
 * results or typed errors. Used by the group-commit appender and by callers that append
 * inside a transaction of their own.
 */
import type pg from 'pg';
import { ConcurrencyError, IdempotencyConflictError, StreamOrderConflictError } from '../../domain/errors.js';
import type { AppendResult } from '../../domain/ports/index.js';
import { mapLogSqlError } from './sqlErrors.js';
import { parseOutcomes, type AppendOutcome, type WireRequest } from './wire.js';

/** Anything that runs a parameterised query: a pool, a pooled client, a client. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * Runs navcast_append for one tenant's requests in the caller's transaction (or its own,
 * in autocommit mode). Log SQLSTATEs become typed errors; other errors pass through.
 */
export async function callAppend(db: Queryable, tenantId: string, requests: readonly WireRequest[]): Promise<AppendOutcome[]> {
  try {
    const { rows } = await db.query<{ outcomes: unknown }>('SELECT navcast_append($1::uuid, $2::jsonb) AS outcomes', [tenantId, JSON.stringify(requests)]);
    return parseOutcomes(rows[0].outcomes, requests.length);
  } catch (error) {
    throw mapLogSqlError(error) ?? error;
  }
}

/**
 * The result of a successful or replayed append, or the typed error of a refused one.
 * 'retry' maps to the retryable StreamOrderConflictError.
 */
export function outcomeToResult(request: WireRequest, outcome: AppendOutcome): AppendResult | Error {
  switch (outcome.status) {
    case 'ok': {
      const positions = request.events.map((event, i) => ({
        eventId: event.eventId,
        tenantSeq: outcome.firstSeq + i,
        streamVersion: outcome.firstVersion + i,
      }));
      return { streamId: request.streamId, nextExpectedVersion: outcome.firstVersion + request.events.length - 1, positions, replayed: false };
    }
    case 'replay': {
      const positions = request.events.map((event, i) => ({
        eventId: event.eventId,
        tenantSeq: outcome.positions[i][0],
        streamVersion: outcome.positions[i][1],
      }));
      const nextExpectedVersion = Math.max(...positions.map((p) => p.streamVersion));
      return { streamId: request.streamId, nextExpectedVersion, positions, replayed: true };
    }
    case 'conflict':
      return new ConcurrencyError(request.streamId, request.expected, outcome.actual);
    case 'idempotency':
      return new IdempotencyConflictError(request.streamId, outcome.detail);
    case 'retry':
      return new StreamOrderConflictError(request.streamId);
  }
}
