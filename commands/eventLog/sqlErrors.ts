/**
 * SQLSTATEs the log's SQL raises (migrations 0003, 0004) and the typed errors they map to.
 */
import pg from 'pg';
import { AppendOnlyViolationError, NavcastError, RedactionRefusedError, ValidationError } from '../../domain/errors.js';

/** SQLSTATE of an error the server sent (node-postgres DatabaseError), if it is one. */
export function sqlState(error: unknown): string | undefined {
  return error instanceof pg.DatabaseError ? error.code : undefined;
}

/** True when the server answered with an error (so the connection is still usable). */
export function isServerError(error: unknown): boolean {
  return error instanceof pg.DatabaseError || (error instanceof NavcastError && error.cause instanceof pg.DatabaseError);
}

/** Serialization failure and deadlock: the whole transaction may simply be run again. */
export function isRetryableSqlError(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40001' || state === '40P01';
}

/** The typed error for one of the log's own SQLSTATEs, or undefined for anything else. */
export function mapLogSqlError(error: unknown): NavcastError | undefined {
  const message = (error as Error).message;
  switch (sqlState(error)) {
    case 'NCV01':
      return new ValidationError(message, [], { cause: error });
    case 'NCA01':
      return new AppendOnlyViolationError(message, { cause: error });
    case 'NCR01':
      return new RedactionRefusedError(message, { cause: error });
    default:
      return undefined;
  }
}
