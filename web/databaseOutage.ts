/**
 * Recognises a database that cannot be reached (refused or dropped connections, a server
 * shutting down or not accepting connections, a pool that cannot connect in time), so that
 * the one error handler answers 503 `database_unavailable` with Retry-After rather than a
 * 500: nothing is wrong with the request, and the same request will work once PostgreSQL is back.
 */
import { DatabaseUnavailableError } from '../domain/errors.js';

/** Socket-level failures of the connection. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATE classes 08 (connection exception) and 57P01-57P03 (shutdown, crash, cannot connect now). */
const sqlStates = /^(08...|57P0[1-3]|53300)$/;
const messages = /Connection terminated|Connection ended|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

export function isDatabaseOutage(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown } | null;
  if (e === null || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (socketCodes.has(e.code) || sqlStates.test(e.code))) return true;
  if (typeof e.message === 'string' && messages.test(e.message)) return true;
  // Node's AggregateError of a refused dual-stack connect carries the refusals inside.
  return Array.isArray(e.errors) && e.errors.some(isDatabaseOutage);
}

/** The error the handler answers for an outage. */
export function databaseUnavailable(): DatabaseUnavailableError {
  return new DatabaseUnavailableError('the service is briefly unavailable (its database cannot be reached); try again in a minute');
}
