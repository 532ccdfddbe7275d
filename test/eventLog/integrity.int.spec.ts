import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRedaction, redactPayload } from '../../commands/eventLog/index.js';
import { EVENT_PAYLOAD_REDACTED, computeEventHashes } from '../../domain/events/index.js';
import { RedactionRefusedError } from '../../domain/errors.js';
import { newTenant, openLogFixture, testMetadata, thing, type LogFixture } from './fixture.js';

let f: LogFixture;
let tenant: string;
beforeAll(async () => {
  f = await openLogFixture();
  tenant = newTenant();
  await f.log.append(tenant, 'thing-1', [thing(1), thing(2), thing(3)]);
});
afterAll(async () => {
  await f.close();
});

/** SQLSTATE of a statement's failure. */
async function failure(pool: pg.Pool, sql: string, values: unknown[] = []): Promise<string> {
  try {
    await pool.query(sql, values);
  } catch (error) {
    return (error as pg.DatabaseError).code ?? 'no code';
  }
  return 'succeeded';
}

describe('append-only', () => {
  const writes = [
    ['UPDATE events', "UPDATE events SET event_type = 'Forged' WHERE tenant_id = $1", true],
    ['UPDATE payload to null', 'UPDATE events SET payload = NULL WHERE tenant_id = $1', true],
    ['DELETE events', 'DELETE FROM events WHERE tenant_id = $1', true],
    ['TRUNCATE events', 'TRUNCATE events', false],
    [
      'INSERT events',
      `INSERT INTO events (tenant_id, tenant_seq, stream_id, stream_version, event_id, event_type, schema_version, payload,
         payload_hash, metadata, recorded_at, prev_hash, entry_hash, chain_hash)
       SELECT tenant_id, tenant_seq + 100, stream_id, stream_version + 100, gen_random_uuid(), event_type, schema_version,
         payload, payload_hash, metadata, recorded_at, prev_hash, entry_hash, chain_hash FROM events WHERE tenant_id = $1`,
      true,
    ],
    ['UPDATE tenant_log_head', 'UPDATE tenant_log_head SET last_seq = 0 WHERE tenant_id = $1', true],
    ['DELETE streams', 'DELETE FROM streams WHERE tenant_id = $1', true],
    ['TRUNCATE tenant_log_head', 'TRUNCATE tenant_log_head', false],
  ] as const;

  it.each(writes)('the application role may not %s (no privilege)', async (_name, sql, takesTenant) => {
    expect(await failure(f.app, sql, takesTenant ? [tenant] : [])).toBe('42501');
  });

  it.each([
    ['UPDATE a column', "UPDATE events SET event_type = 'Forged' WHERE tenant_id = $1"],
    ['UPDATE payload to other bytes', `UPDATE events SET payload = '{"n":99}' WHERE tenant_id = $1`],
    ['UPDATE payload to null without a redaction event', 'UPDATE events SET payload = NULL WHERE tenant_id = $1'],
    ['DELETE events', 'DELETE FROM events WHERE tenant_id = $1'],
    ['DELETE streams', 'DELETE FROM streams WHERE tenant_id = $1'],
    ['DELETE tenant_log_head', 'DELETE FROM tenant_log_head WHERE tenant_id = $1'],
  ])('the trigger stops even the owner: %s', async (_name, sql) => {
    const state = await failure(f.owner, sql, [tenant]);
    expect(['NCA01', 'NCR01']).toContain(state);
  });

  it.each(['events', 'streams', 'tenant_log_head'])('the trigger stops even the owner: TRUNCATE %s', async (table) => {
    expect(await failure(f.owner, `TRUNCATE ${table} CASCADE`)).toBe('NCA01');
  });

  it('nothing changed', async () => {
    const rows = await f.tenantFeed.readStoredRows(tenant, 0, 10);
    expect(rows.map((r) => [r.tenantSeq, r.eventType, r.payload !== null])).toEqual([
      [1, 'ThingHappened', true],
      [2, 'ThingHappened', true],
      [3, 'ThingHappened', true],
    ]);
  });
});

describe('redaction', () => {
  it('is refused without a recorded redaction event, or with one naming another payload hash', async () => {
    const t = newTenant();
    const target = thing(1);
    await f.log.append(t, 'thing-r', [target]);
    await expect(redactPayload(f.app, t, target.eventId)).rejects.toBeInstanceOf(RedactionRefusedError);
    await f.log.append(t, 'thing-r', [
      {
        eventId: randomUUID(),
        eventType: EVENT_PAYLOAD_REDACTED,
        payload: { targetEventId: target.eventId, targetPayloadHash: 'a'.repeat(64), reason: 'wrong hash' },
        metadata: testMetadata,
      },
    ]);
    await expect(redactPayload(f.app, t, target.eventId)).rejects.toThrow(/no recorded redaction/);
    // A redaction recorded in another tenant does not count either.
    const other = newTenant();
    await expect(recordRedaction(f.app, f.log, { tenantId: other, streamId: 'thing-r', eventId: randomUUID(), targetEventId: target.eventId, reason: 'x', metadata: testMetadata })).rejects.toThrow(
      /no event/,
    );
  });

  it('nulls the payload once recorded; the chain still verifies; the redaction itself cannot be redacted', async () => {
    const t = newTenant();
    const target = thing(1);
    await f.log.append(t, 'thing-r', [target, thing(2)]);
    const redactionId = randomUUID();
    await recordRedaction(f.app, f.log, {
      tenantId: t,
      streamId: 'thing-r',
      eventId: redactionId,
      targetEventId: target.eventId,
      reason: 'erasure request',
      metadata: testMetadata,
    });
    const rows = await f.tenantFeed.readStoredRows(t, 0, 10);
    expect(rows[0].payload).toBeNull();
    expect(rows[1].payload).not.toBeNull();
    for (const row of rows) {
      expect(computeEventHashes(row)).toEqual({ payloadHash: row.payloadHash, entryHash: row.entryHash, chainHash: row.chainHash });
    }
    const read = await f.log.readStream(t, 'thing-r');
    expect(read.events.map((e) => e.payload === null)).toEqual([true, false, false]);
    expect(read.events[2].payload).toMatchObject({ targetEventId: target.eventId, targetPayloadHash: rows[0].payloadHash });
    expect(await redactPayload(f.app, t, target.eventId)).toBe(false);
    await expect(redactPayload(f.app, t, redactionId)).rejects.toThrow(/cannot be redacted/);
  });
});
