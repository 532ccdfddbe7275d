import { describe, expect, it } from 'vitest';
import { canonicalJson, computeEventHashes, EVENT_PAYLOAD_REDACTED, GENESIS_HASH } from '../../domain/events/index.js';
import { ChainWalker } from './chainWalker.js';
import type { AuditRow } from './findings.js';
import { generateSigningKey } from './keys.js';
import { checkpointFormat, signCheckpoint, type CheckpointRecord } from './checkpoint.js';
import { leafHash, merkleRoot } from './merkle.js';

const tenantId = '7e7a0000-0000-4000-8000-0000000000c1';
const eventId = (n: number): string => `e0e00000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

interface Draft {
  eventType?: string;
  payload: unknown;
  streamId?: string;
}

/** A chain built with the reference hash functions of domain/events (not the walker's). */
function chain(drafts: Draft[]): AuditRow[] {
  let prevHash = GENESIS_HASH;
  return drafts.map((d, i) => {
    const payload = canonicalJson(d.payload);
    const base = {
      tenantId,
      tenantSeq: i + 1,
      streamId: d.streamId ?? 'fund-1',
      streamVersion: i,
      eventId: eventId(i + 1),
      eventType: d.eventType ?? 'FundRenamed',
      schemaVersion: 1,
      payload,
      payloadHash: '',
      metadata: { actor: { kind: 'user', id: 'Zoë' }, commandId: `c${i}`, correlationId: 'c', causationId: null },
      recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
      prevHash,
    };
    const hashes = computeEventHashes({ ...base, payloadHash: '0'.repeat(64) });
    const withPayloadHash = { ...base, payloadHash: hashes.payloadHash };
    const { entryHash, chainHash } = computeEventHashes(withPayloadHash);
    prevHash = chainHash;
    return { ...withPayloadHash, entryHash, chainHash };
  });
}

function walk(rows: AuditRow[], head = rows.length, checkpoints: CheckpointRecord[] = [], batch = 3) {
  const walker = new ChainWalker({ tenantId, checkpoints, computeRoot: true });
  for (let i = 0; i < rows.length; i += batch) if (!walker.push(rows.slice(i, i + batch))) break;
  const last = rows.at(-1);
  return walker.finish(head === 0 ? null : { tenantId, lastSeq: head, lastHash: rows[head - 1]?.chainHash ?? last?.chainHash ?? GENESIS_HASH });
}

const plain = (n: number): Draft[] => Array.from({ length: n }, (_, i) => ({ payload: { n: i, name: `Fonds Nº${i} é` } }));

describe('chain walker on rows hashed by the reference functions', () => {
  it('accepts an intact chain and computes the Merkle root over the entry hashes', () => {
    const rows = chain(plain(10));
    const result = walk(rows);
    expect(result).toMatchObject({ ok: true, eventsChecked: 10, lastSeq: 10, chainHead: rows[9].chainHash });
    expect(result.merkleRoot).toBe(merkleRoot(rows.map((r) => leafHash(Buffer.from(r.entryHash, 'hex')))).toString('hex'));
  });

  it('accepts an empty log with no head row, and flags a head row that claims events', () => {
    expect(walk([], 0)).toMatchObject({ ok: true, eventsChecked: 0, chainHead: GENESIS_HASH });
    const walker = new ChainWalker({ tenantId, checkpoints: [] });
    expect(walker.finish({ tenantId, lastSeq: 2, lastHash: 'ab'.repeat(32) }).failure).toMatchObject({ class: 'truncation', position: 1 });
  });

  it('reports a repeated tenant_seq as a density failure', () => {
    const rows = chain(plain(5));
    expect(walk([...rows.slice(0, 3), rows[2], ...rows.slice(3)]).failure).toMatchObject({ class: 'gap', position: 4, detail: expect.stringMatching(/3 repeated/) });
  });

  it('reports rows beyond the head row', () => {
    expect(walk(chain(plain(6)), 4).failure).toMatchObject({ class: 'hash mismatch', position: 5, detail: expect.stringMatching(/last_seq 4/) });
  });

  it('accepts a redacted payload whose redaction event comes later, and only then', () => {
    const drafts = plain(6);
    const rows = chain(drafts);
    const redaction = chain([...drafts, { eventType: EVENT_PAYLOAD_REDACTED, payload: { targetEventId: eventId(2), targetPayloadHash: rows[1].payloadHash, reason: 'erasure' } }]);
    const redacted = redaction.map((r, i) => (i === 1 ? { ...r, payload: null } : r));
    expect(walk(redacted)).toMatchObject({ ok: true, redactedPayloads: 1 });
    // Without the redaction event the null payload is a finding, at its own position.
    expect(walk(redacted.slice(0, 6)).failure).toMatchObject({ class: 'payload mismatch', position: 2 });
    // A redaction event naming another payload hash does not cover it.
    const wrongHash = chain([...drafts, { eventType: EVENT_PAYLOAD_REDACTED, payload: { targetEventId: eventId(2), targetPayloadHash: 'ab'.repeat(32), reason: 'x' } }]);
    expect(walk(wrongHash.map((r, i) => (i === 1 ? { ...r, payload: null } : r))).failure).toMatchObject({ class: 'payload mismatch', position: 2 });
  });

  it('checks the Merkle root and the chain head at each checkpoint size', () => {
    const rows = chain(plain(8));
    const key = generateSigningKey();
    const root = (n: number) =>
      merkleRoot(
        rows.map((r) => leafHash(Buffer.from(r.entryHash, 'hex'))),
        n,
      ).toString('hex');
    const record = (n: number, merkle = root(n), head = rows[n - 1].chainHash): CheckpointRecord => ({
      format: checkpointFormat,
      checkpoint: signCheckpoint({ tenantId, treeSize: n, merkleRoot: merkle, chainHead: head, issuedAt: '2026-01-01T00:00:00.000Z' }, key),
      consistency: null,
    });
    expect(walk(rows, 8, [record(3), record(8)])).toMatchObject({ ok: true, checkpointsChecked: 2 });
    expect(walk(rows, 8, [record(3), record(5, root(4))]).failure).toMatchObject({ class: 'hash mismatch', position: 5, detail: expect.stringMatching(/4\.\.5/) });
    expect(walk(rows, 8, [record(6, root(6), rows[4].chainHash)]).failure).toMatchObject({ class: 'hash mismatch', position: 6, detail: expect.stringMatching(/chain hash/) });
  });
});
