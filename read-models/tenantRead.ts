/**
 * Tenant reads in one round trip. A portal read used to cost four: BEGIN with the tenant
 * setting, each query, COMMIT; on loopback each round trip costs the server about a tenth of
 * a millisecond of CPU in socket writes alone (bench:portal). Here the setting and every
 * query of the read go to PostgreSQL as one simple-protocol message, which PostgreSQL runs
 * as one implicit transaction, so `set_config(..., true)` holds for exactly those statements
 * and no other request on the pooled connection. Each query is a statement prepared once per
 * connection (PREPARE ... then EXECUTE), so its plan is kept as the named statements of the
 * extended protocol would keep it. docs/architecture.md "Reads in one round trip".
 */
import pg from 'pg';
import { z } from 'zod';
import { NavcastError } from '../domain/errors.js';

/** A value bound to a prepared query, rendered as a quoted literal in its EXECUTE. */
export type QueryValue = string | number | boolean | null;

/** One statement of a one-round-trip read: prepared once per connection under `name`. */
export interface PreparedQuery<T> {
  /** Statement name, unique in the process: lower snake case, e.g. funds_list. */
  readonly name: string;
  /** SQL with $1..$n. */
  readonly text: string;
  /** The PostgreSQL type of each parameter, e.g. ['text', 'integer']. */
  readonly types: readonly string[];
  readonly values: readonly QueryValue[];
  /** Turns the statement's rows into the caller's value (parse with zod: a bad row fails loudly). */
  parse(rows: unknown[]): T;
}

/** A prepared query built wrongly (bad name, parameter count or value): a programming error. */
export class PreparedQueryError extends NavcastError {
  readonly code = 'prepared_query_invalid';
  readonly status = 500;
}

const NAME = /^[a-z][a-z0-9_]{0,58}$/;
const TYPE = /^[a-z][a-z0-9_ ]*(\[\])?$/;

/** Names of the statements prepared on each connection (a new connection starts with none). */
const preparedOn = new WeakMap<pg.ClientBase, Set<string>>();

function literal(value: QueryValue, query: string): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new PreparedQueryError(`${query}: a parameter is ${value}, not a finite number`);
    return String(value);
  }
  return pg.escapeLiteral(value);
}

function executeOf(query: PreparedQuery<unknown>): string {
  if (query.values.length !== query.types.length) throw new PreparedQueryError(`${query.name}: ${query.values.length} values for ${query.types.length} parameters`);
  return query.values.length === 0 ? `EXECUTE nc_${query.name}` : `EXECUTE nc_${query.name}(${query.values.map((v) => literal(v, query.name)).join(', ')})`;
}

function prepareOf(query: PreparedQuery<unknown>): string {
  if (!NAME.test(query.name)) throw new PreparedQueryError(`${query.name}: a statement name is lower snake case`);
  const bad = query.types.find((t) => !TYPE.test(t));
  if (bad !== undefined) throw new PreparedQueryError(`${query.name}: "${bad}" is not a type name`);
  return query.types.length === 0 ? `PREPARE nc_${query.name} AS ${query.text}` : `PREPARE nc_${query.name}(${query.types.join(', ')}) AS ${query.text}`;
}

/** The parsed values of `Q`'s queries, in order. */
export type QueryResults<Q extends readonly PreparedQuery<unknown>[]> = { -readonly [K in keyof Q]: Q[K] extends PreparedQuery<infer T> ? T : never };

/**
 * Runs `queries` as the tenant `tenantId` in one round trip and one transaction, returning
 * each query's parsed value in order. A failure rolls back every statement of the read and
 * drops the connection, so that no half-known prepared state is reused.
 */
export async function readAsTenantOnce<const Q extends readonly PreparedQuery<unknown>[]>(pool: pg.Pool, tenantId: string, queries: Q): Promise<QueryResults<Q>> {
  // A parsed UUID (lower-cased) is safe as a literal.
  const tenant = z.uuid().parse(tenantId).toLowerCase();
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    const prepared = preparedOn.get(client) ?? new Set<string>();
    const missing = [...new Map(queries.filter((q) => !prepared.has(q.name)).map((q) => [q.name, q])).values()];
    const statements = [...missing.map(prepareOf), `SELECT set_config('app.current_org_id', '${tenant}', true)`, ...queries.map(executeOf)];
    const answer = (await client.query(statements.join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[];
    const results = Array.isArray(answer) ? answer : [answer];
    for (const q of missing) prepared.add(q.name);
    preparedOn.set(client, prepared);
    const offset = missing.length + 1;
    return queries.map((q, i) => q.parse(results[offset + i].rows)) as QueryResults<Q>;
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    client.release(failure);
  }
}
