/**
 * Test-only helpers of the audit specs (imported by *.spec.ts files only): append events
 * through navcast_append, copy a populated database, and play an attacker who holds the
 * owner's credentials (triggers off, hashes recomputed).
 */
import pg from 'pg';
import { canonicalJson, chainHashOf, entryHashOf, GENESIS_HASH, payloadHashOf } from '../../domain/events/index.js';
import { auditRowSelect } from '../../commands/audit/liveLog.js';

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
  const { rows } = await client.query<unknown[]>({ text: `${auditRowSelect} WHERE tenant_id = $1 ORDER BY tenant_seq`, values: [tenantId], rowMode: 'array' });
  let prev = GENESIS_HASH;
  await client.query('SET session_replication_role = replica');
  try {
    for (const r of rows) {
      const seq = Number(r[1]);
      if (seq >= fromSeq) {
        const payloadHash = r[7] === null ? (r[8] as string) : payloadHashOf(r[7] as string);
        const entryHash = entryHashOf({
          tenantId: r[0] as string,
          tenantSeq: seq,
          streamId: r[2] as string,
          streamVersion: Number(r[3]),
          eventId: r[4] as string,
          eventType: r[5] as string,
          schemaVersion: r[6] as number,
          payloadHash,
          metadata: r[9],
          recordedAt: r[10] as string,
        });
        const chainHash = chainHashOf(prev, entryHash);
        await client.query(
          'UPDATE events SET payload_hash = $3, entry_hash = $4, prev_hash = $5, chain_hash = $6 WHERE tenant_id = $1 AND tenant_seq = $2',
          [tenantId, seq, payloadHash, entryHash, prev, chainHash],
        );
        prev = chainHash;
      } else {
        prev = r[13] as string;
      }
    }
    await client.query('UPDATE tenant_log_head SET last_seq = $2, last_hash = $3 WHERE tenant_id = $1', [tenantId, rows.length === 0 ? 0 : Number(rows.at(-1)![1]), prev]);
  } finally {
    await client.query('SET session_replication_role = origin');
  }
}
