/**
 * Reads a tenant's log from PostgreSQL for the verifier, sealer and exporter: the head row
 * and every row of `event_rows` (the view that gives each hashed field in its hashed text
 * form), in tenant_seq order, through a server-side cursor in large batches. Everything is
 * read inside one REPEATABLE READ READ ONLY transaction, so the head and the rows come from
 * the same snapshot even while appends go on. Works as the auditor role or the owner.
 */
import type pg from 'pg';
import type { TenantHead } from '../../domain/ports/eventLog.js';
import { uuidText } from '../../domain/events/index.js';
import { AuditInputError } from './errors.js';
import type { AuditRow } from './findings.js';

/** Rows per FETCH: large enough that round trips do not dominate, small enough for memory. */
export const defaultBatchSize = 5000;

/** The hashed fields, from the `event_rows` view (recorded_at in its hashed text form). */
export const auditRowSelect = `SELECT tenant_seq, stream_id, stream_version, event_id, event_type, schema_version,
  payload, payload_hash, metadata, recorded_at, prev_hash, entry_hash, chain_hash FROM event_rows`;

// Columns of auditRowSelect, in order (the tenant id is the query's parameter).
type RawRow = [string, string, string, string, string, number, string | null, string, unknown, string, string, string, string];

function toAuditRow(tenantId: string, r: RawRow): AuditRow {
  return {
    tenantId,
    // bigint columns arrive as decimal text; tenant logs stay far below 2^53.
    tenantSeq: Number(r[0]),
    streamId: r[1],
    streamVersion: Number(r[2]),
    eventId: r[3],
    eventType: r[4],
    schemaVersion: r[5],
    payload: r[6],
    payloadHash: r[7],
    metadata: r[8],
    recordedAt: r[9],
    prevHash: r[10],
    entryHash: r[11],
    chainHash: r[12],
  };
}

/** Runs `work` in a read-only snapshot transaction on the client. */
export async function inSnapshot<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The tenant's head row, or null when it has none. */
export async function readTenantHead(client: pg.ClientBase, tenantId: string): Promise<TenantHead | null> {
  const { rows } = await client.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM tenant_log_head WHERE tenant_id = $1', [tenantId]);
  return rows.length === 0 ? null : { tenantId, lastSeq: Number(rows[0].last_seq), lastHash: rows[0].last_hash };
}

/** Tenants that have a head row or any event, sorted. */
export async function listLogTenants(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ tenant_id: string }>(`SELECT tenant_id::text FROM tenant_log_head UNION SELECT DISTINCT tenant_id::text FROM events ORDER BY 1`);
  return rows.map((r) => r.tenant_id);
}

/**
 * Every row of the tenant in tenant_seq order, in batches, up to `throughSeq` when given.
 * Must run inside a transaction (the cursor lives in it). The next batch is requested
 * before the current one is handed out, so the server works while the caller hashes.
 */
export async function* tenantRows(client: pg.ClientBase, tenantId: string, options: { batchSize?: number; throughSeq?: number } = {}): AsyncGenerator<AuditRow[]> {
  // The id is hashed as given: an upper-case spelling would select the rows but break every hash.
  if (!uuidText.safeParse(tenantId).success) throw new AuditInputError(`tenant id ${JSON.stringify(tenantId)} is not lowercase UUID text`);
  const batchSize = options.batchSize ?? defaultBatchSize;
  const through = options.throughSeq === undefined ? '' : ' AND tenant_seq <= $2';
  const params: unknown[] = options.throughSeq === undefined ? [tenantId] : [tenantId, options.throughSeq];
  await client.query(`DECLARE audit_rows NO SCROLL CURSOR FOR ${auditRowSelect} WHERE tenant_id = $1${through} ORDER BY tenant_seq`, params);
  try {
    const fetch = (): Promise<pg.QueryArrayResult<RawRow>> => client.query<RawRow>({ text: `FETCH ${batchSize} FROM audit_rows`, rowMode: 'array' });
    let pending = fetch();
    for (;;) {
      const { rows } = await pending;
      if (rows.length === 0) break;
      pending = rows.length === batchSize ? fetch() : Promise.resolve({ rows: [] } as unknown as pg.QueryArrayResult<RawRow>);
      yield rows.map((r) => toAuditRow(tenantId, r));
    }
  } finally {
    await client.query('CLOSE audit_rows').catch(() => undefined);
  }
}
