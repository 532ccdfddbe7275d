/**
 * Test-only helpers of the audit specs (imported by *.spec.ts files only): append events
 * through navcast_append, copy a populated database, and play an attacker who holds the
 * owner's credentials (triggers off, hashes recomputed).
 */
import pg from 'pg';
import { canonicalJson, chainHashOf, entryHashOf, GENESIS_HASH, payloadHashOf } from '../../domain/events/index.js';

/** A UUID made from a number, readable in failures. */
export function uuidOf(n: number, prefix = 'e'): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix === 't' ? '7e7a0000' : 'e0e00000'}-0000-4000-8000-${hex}`;
}

/** A metadata object as events carry it. */
export function metadataFor(commandId: string): Record<string, unknown> {
  return { actor: { kind: 'user', id: 'user-1' }, commandId, correlationId: commandId, causationId: null };
}

export interface SpecEvent {
  readonly eventId: string;
  readonly eventType: string;
  readonly payload: unknown;
}

/** Appends events to one stream through navcast_append (as the owner), expecting success. */
export async function appendEvents(client: pg.ClientBase, tenantId: string, streamId: string, events: readonly SpecEvent[], at = new Date('2026-01-05T09:00:00.000Z')): Promise<void> {
  const request = {
    streamId,
    expected: 'any',
    events: events.map((e, i) => ({
      eventId: e.eventId,
      eventType: e.eventType,
      schemaVersion: 1,
      payload: canonicalJson(e.payload),
      metadata: canonicalJson(metadataFor(`cmd-${e.eventId}`)),
      recordedAt: new Date(at.getTime() + i).toISOString(),
    })),
  };
  const { rows } = await client.query<{ out: { status: string }[] }>('SELECT navcast_append($1::uuid, $2::jsonb) AS out', [tenantId, JSON.stringify([request])]);
  if (rows[0].out[0].status !== 'ok') throw new Error(`append failed: ${JSON.stringify(rows[0].out)}`);
}

/** URL of another database on the same server. */
export function databaseUrl(ownerUrl: string, database: string): string {
  const url = new URL(ownerUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Copies a database (which must have no open connections) and returns the copy's URL and a drop function. */
export async function copyDatabase(ownerUrl: string, source: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: databaseUrl(ownerUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(ownerUrl, name),
    async drop() {
      const dropper = new pg.Client({ connectionString: databaseUrl(ownerUrl, 'postgres') });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** Runs SQL as an attacker with owner access: triggers are off for this session. */
export async function tamper(client: pg.ClientBase, sql: string, params: unknown[] = []): Promise<void> {
  await client.query('SET session_replication_role = replica');
  try {
    await client.query(sql, params);
  } finally {
    await client.query('SET session_replication_role = origin');
  }
}

/** A row of the event_rows view, as node-postgres returns it. */
export interface StoredRow {
  tenant_id: string;
  tenant_seq: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  payload: string | null;
  payload_hash: string;
  metadata: unknown;
  recorded_at: string;
  entry_hash: string;
  chain_hash: string;
}

/** Every row of a tenant, in tenant_seq order. */
export async function storedRows(client: pg.ClientBase, tenantId: string): Promise<StoredRow[]> {
  return (await client.query<StoredRow>('SELECT * FROM event_rows WHERE tenant_id = $1 ORDER BY tenant_seq', [tenantId])).rows;
}

/** Swaps the tenant_seq of two rows (the rows keep their stored hashes). */
export async function swapRows(client: pg.ClientBase, tenantId: string, a: number, b: number): Promise<void> {
  const parked = 1_000_000_000; // out of the way of the primary key while the two trade places
  await tamper(client, 'UPDATE events SET tenant_seq = $3 WHERE tenant_id = $1 AND tenant_seq = $2', [tenantId, a, parked]);
  await tamper(client, 'UPDATE events SET tenant_seq = $3 WHERE tenant_id = $1 AND tenant_seq = $2', [tenantId, b, a]);
  await tamper(client, 'UPDATE events SET tenant_seq = $3 WHERE tenant_id = $1 AND tenant_seq = $2', [tenantId, parked, b]);
}

/**
 * The thorough attacker: recomputes payload, entry, prev and chain hashes of every row from
 * `fromSeq` on, and the head, with the reference hash functions of domain/events, so that
 * a chain walk alone finds nothing.
 */
export async function rewriteChainFrom(client: pg.ClientBase, tenantId: string, fromSeq: number): Promise<void> {
  const rows = await storedRows(client, tenantId);
  let prev = GENESIS_HASH;
  await client.query('SET session_replication_role = replica');
  try {
    for (const r of rows) {
      const seq = Number(r.tenant_seq);
      if (seq >= fromSeq) {
        const payloadHash = r.payload === null ? r.payload_hash : payloadHashOf(r.payload);
        const entryHash = entryHashOf({
          tenantId: r.tenant_id,
          tenantSeq: seq,
          streamId: r.stream_id,
          streamVersion: Number(r.stream_version),
          eventId: r.event_id,
          eventType: r.event_type,
          schemaVersion: r.schema_version,
          payloadHash,
          metadata: r.metadata,
          recordedAt: r.recorded_at,
        });
        const chainHash = chainHashOf(prev, entryHash);
        await client.query('UPDATE events SET payload_hash = $3, entry_hash = $4, prev_hash = $5, chain_hash = $6 WHERE tenant_id = $1 AND tenant_seq = $2', [
          tenantId,
          seq,
          payloadHash,
          entryHash,
          prev,
          chainHash,
        ]);
        prev = chainHash;
      } else {
        prev = r.chain_hash;
      }
    }
    await client.query('UPDATE tenant_log_head SET last_seq = $2, last_hash = $3 WHERE tenant_id = $1', [tenantId, rows.length === 0 ? 0 : Number(rows.at(-1)!.tenant_seq), prev]);
  } finally {
    await client.query('SET session_replication_role = origin');
  }
}
