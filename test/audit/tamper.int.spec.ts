/**
 * Adversarial fixtures: an attacker with the database owner's credentials (triggers off)
 * edits the log in each way docs/event-log.md lists; every edit is found, with its class and
 * position, and the untouched log verifies. Each case works on its own copy of one
 * populated database. Tenant A: 60 events, a redacted payload at seq 5 (redaction event at
 * seq 31), signed checkpoints at tree sizes 40 and 60.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_PAYLOAD_REDACTED } from '../../domain/events/index.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { appendEvents, copyDatabase, rewriteChainFrom, storedRows, swapRows, tamper, uuidOf } from './auditSpecKit.js';
import { checkpointFormat, signCheckpoint } from '../../commands/audit/checkpoint.js';
import { checkpointFileName, FolderCheckpointStore } from '../../commands/audit/checkpointStore.js';
import { generateSigningKey, trustKeys } from '../../commands/audit/keys.js';
import { consistencyProof, leafHash, merkleRoot } from '../../commands/audit/merkle.js';
import { sealTenant } from '../../commands/audit/sealer.js';
import { verifyTenant, type VerifyResult } from '../../commands/audit/verifier.js';

const tenantA = uuidOf(0xa, 't');
const tenantB = uuidOf(0xb, 't');
const key = generateSigningKey();
const trustedKeys = trustKeys(key.publicKey);
let db: TestDatabase;
let storeRoot: string;
let copies = 0;

const event = (n: number) => ({ eventId: uuidOf(n), eventType: 'FundDataVersionRecorded', payload: { amount: n * 1.5, note: `Zürich café ${n}`, n } });

beforeAll(async () => {
  db = await createTestDatabase();
  storeRoot = mkdtempSync(join(tmpdir(), 'navcast-tamper-'));
  const store = new FolderCheckpointStore(storeRoot);
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(from + i));
    await appendEvents(client, tenantA, 'fund-1', range(1, 20));
    await appendEvents(client, tenantA, 'fund-2', range(21, 30));
    const target = await client.query<{ payload_hash: string }>('SELECT payload_hash FROM events WHERE tenant_id = $1 AND tenant_seq = 5', [tenantA]);
    await appendEvents(client, tenantA, 'fund-1', [
      { eventId: uuidOf(31), eventType: EVENT_PAYLOAD_REDACTED, payload: { targetEventId: uuidOf(5), targetPayloadHash: target.rows[0].payload_hash, reason: 'erasure request' } },
    ]);
    await client.query('SELECT navcast_redact_payload($1::uuid, $2::uuid)', [tenantA, uuidOf(5)]);
    await appendEvents(client, tenantA, 'fund-3', range(32, 40));
    expect((await sealTenant(client, tenantA, { store, key })).status).toBe('sealed');
    await appendEvents(client, tenantA, 'fund-3', range(41, 60));
    expect((await sealTenant(client, tenantA, { store, key })).status).toBe('sealed');
    await appendEvents(client, tenantB, 'fund-9', range(100, 104));
    expect((await sealTenant(client, tenantB, { store, key })).status).toBe('sealed');
  } finally {
    await client.end();
  }
});

afterAll(async () => {
  await db?.drop();
  if (storeRoot !== undefined) rmSync(storeRoot, { recursive: true, force: true });
});

/** Runs `attack` on a fresh copy of the populated database, then verifies tenant A. */
async function verifyAfter(attack: (client: pg.Client) => Promise<void>, options: { store?: string; checkpoints?: boolean; tenant?: string } = {}): Promise<VerifyResult> {
  const copy = await copyDatabase(db.ownerUrl, db.name, `${db.name}_c${++copies}`);
  const client = new pg.Client({ connectionString: copy.url });
  await client.connect();
  try {
    await attack(client);
    const tenant = options.tenant ?? tenantA;
    const checkpoints = options.checkpoints === false ? [] : await new FolderCheckpointStore(options.store ?? storeRoot).list(tenant);
    return await verifyTenant(client, tenant, { checkpoints, trustedKeys, batchSize: 7 });
  } finally {
    await client.end();
    await copy.drop();
  }
}

const failureOf = (r: VerifyResult) => (r.failure === null ? null : { class: r.failure.class, position: r.failure.position });
const noAttack = async () => undefined;

/** A copy of the honest checkpoint folder, edited by `edit(tenantFolder)`. */
function editedStore(edit: (folder: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'navcast-tamper-store-'));
  cpSync(storeRoot, root, { recursive: true });
  edit(join(root, tenantA));
  return root;
}

function editRecord(folder: string, treeSize: number, change: (record: any) => void): void {
  const path = join(folder, checkpointFileName(treeSize));
  const record = JSON.parse(readFileSync(path, 'utf8'));
  change(record);
  writeFileSync(path, JSON.stringify(record));
}

describe('the untouched log', () => {
  it('verifies, redacted payload included, against both signed checkpoints', async () => {
    const result = await verifyAfter(noAttack);
    expect(result.failure).toBeNull();
    expect(result).toMatchObject({ ok: true, eventsChecked: 60, lastSeq: 60, checkpointsChecked: 2, redactedPayloads: 1 });
    const other = await verifyAfter(noAttack, { tenant: tenantB });
    expect(other).toMatchObject({ ok: true, eventsChecked: 5, checkpointsChecked: 1 });
  });
});

describe('tampering with rows', () => {
  it('refuses a tenant id spelled in capitals rather than reporting every hash as broken', async () => {
    await verifyAfter(async (c) => {
      await expect(verifyTenant(c, tenantA.toUpperCase())).rejects.toMatchObject({ code: 'audit_invalid_input' });
    });
  });

  it('an edited payload: payload mismatch at its position', async () => {
    const result = await verifyAfter((c) => tamper(c, `UPDATE events SET payload = replace(payload, 'café', 'cafe') WHERE tenant_id = $1 AND tenant_seq = 17`, [tenantA]));
    expect(failureOf(result)).toEqual({ class: 'payload mismatch', position: 17 });
  });

  it('an edited payload with every hash recomputed: only the signed checkpoint catches it', async () => {
    const attack = async (c: pg.Client) => {
      await tamper(c, `UPDATE events SET payload = replace(payload, '"amount":25.5', '"amount":2550') WHERE tenant_id = $1 AND tenant_seq = 17`, [tenantA]);
      await rewriteChainFrom(c, tenantA, 17);
    };
    expect((await verifyAfter(attack, { checkpoints: false })).ok).toBe(true);
    const result = await verifyAfter(attack);
    expect(failureOf(result)).toEqual({ class: 'hash mismatch', position: 40 });
    expect(result.failure?.detail).toMatch(/Merkle root over tenant_seq 1\.\.40 differs.*1\.\.40/);
  });

  it('an edit of the newest checkpointed event with hashes recomputed: caught at that checkpoint', async () => {
    const attack = async (c: pg.Client) => {
      await tamper(c, `UPDATE events SET payload = replace(payload, 'café', 'cafe') WHERE tenant_id = $1 AND tenant_seq = 60`, [tenantA]);
      await rewriteChainFrom(c, tenantA, 60);
    };
    expect(failureOf(await verifyAfter(attack))).toEqual({ class: 'hash mismatch', position: 60 });
  });

  it('limit: an edit past the newest checkpoint with hashes recomputed goes unseen until sealed', async () => {
    // Events appended after the newest checkpoint are protected by the chain only: the
    // sealer's interval bounds this window. Recorded here so that the limit stays visible.
    const attack = async (c: pg.Client) => {
      await appendEvents(c, tenantA, 'fund-4', [event(61), event(62)]);
      await tamper(c, `UPDATE events SET payload = replace(payload, 'café', 'cafe') WHERE tenant_id = $1 AND tenant_seq = 61`, [tenantA]);
      await rewriteChainFrom(c, tenantA, 61);
    };
    expect(await verifyAfter(attack)).toMatchObject({ ok: true, lastSeq: 62, checkpointsChecked: 2 });
  });

  it('an edited envelope field: hash mismatch at its position', async () => {
    const result = await verifyAfter((c) => tamper(c, `UPDATE events SET stream_version = stream_version + 100 WHERE tenant_id = $1 AND tenant_seq = 23`, [tenantA]));
    expect(failureOf(result)).toEqual({ class: 'hash mismatch', position: 23 });
  });

  it('an edited stored chain hash: hash mismatch there', async () => {
    const result = await verifyAfter((c) => tamper(c, `UPDATE events SET chain_hash = repeat('1', 64) WHERE tenant_id = $1 AND tenant_seq = 33`, [tenantA]));
    expect(failureOf(result)).toEqual({ class: 'hash mismatch', position: 33 });
  });

  it('a deleted middle row: gap at its position', async () => {
    const result = await verifyAfter((c) => tamper(c, `DELETE FROM events WHERE tenant_id = $1 AND tenant_seq = 12`, [tenantA]));
    expect(failureOf(result)).toEqual({ class: 'gap', position: 12 });
    expect(result.failure?.detail).toMatch(/12\.\.12 missing/);
  });

  it('a truncated tail with the head row fixed: only the signed checkpoint catches it', async () => {
    const attack = async (c: pg.Client) => {
      await tamper(c, `DELETE FROM events WHERE tenant_id = $1 AND tenant_seq > 50`, [tenantA]);
      await tamper(c, `UPDATE tenant_log_head SET last_seq = 50, last_hash = (SELECT chain_hash FROM events WHERE tenant_id = $1 AND tenant_seq = 50) WHERE tenant_id = $1`, [tenantA]);
    };
    expect((await verifyAfter(attack, { checkpoints: false })).ok).toBe(true);
    const result = await verifyAfter(attack);
    expect(failureOf(result)).toEqual({ class: 'truncation', position: 51 });
    expect(result.failure?.detail).toMatch(/covers 60 events/);
  });

  it('a truncated tail with the head row left alone: truncation from the head row', async () => {
    const result = await verifyAfter((c) => tamper(c, `DELETE FROM events WHERE tenant_id = $1 AND tenant_seq > 55`, [tenantA]), { checkpoints: false });
    expect(failureOf(result)).toEqual({ class: 'truncation', position: 56 });
  });

  it('every row of a tenant deleted: truncation at 1', async () => {
    const attack = async (c: pg.Client) => {
      await tamper(c, `DELETE FROM events WHERE tenant_id = $1`, [tenantA]);
      await tamper(c, `DELETE FROM tenant_log_head WHERE tenant_id = $1`, [tenantA]);
    };
    expect(failureOf(await verifyAfter(attack))).toEqual({ class: 'truncation', position: 1 });
  });

  it('two rows swapped (reordered): prev mismatch where the order breaks', async () => {
    const attack = async (c: pg.Client) => {
      await swapRows(c, tenantA, 10, 11);
    };
    expect(failureOf(await verifyAfter(attack))).toEqual({ class: 'prev mismatch', position: 10 });
  });

  it('two rows swapped and the whole chain recomputed: the signed checkpoint catches it', async () => {
    const attack = async (c: pg.Client) => {
      await swapRows(c, tenantA, 10, 11);
      await rewriteChainFrom(c, tenantA, 10);
    };
    expect((await verifyAfter(attack, { checkpoints: false })).ok).toBe(true);
    expect(failureOf(await verifyAfter(attack))).toEqual({ class: 'hash mismatch', position: 40 });
  });

  it('a payload nulled without a redaction event: payload mismatch', async () => {
    const result = await verifyAfter((c) => tamper(c, `UPDATE events SET payload = NULL WHERE tenant_id = $1 AND tenant_seq = 44`, [tenantA]));
    expect(failureOf(result)).toEqual({ class: 'payload mismatch', position: 44 });
    expect(result.failure?.detail).toMatch(/no EventPayloadRedacted/);
  });

  it('the redaction event itself nulled: payload mismatch at the redaction event', async () => {
    const result = await verifyAfter((c) => tamper(c, `UPDATE events SET payload = NULL WHERE tenant_id = $1 AND tenant_seq = 31`, [tenantA]));
    expect(failureOf(result)).toEqual({ class: 'payload mismatch', position: 31 });
  });

  it('a head row whose hash was changed: hash mismatch at the head', async () => {
    const result = await verifyAfter((c) => tamper(c, `UPDATE tenant_log_head SET last_hash = repeat('a', 64) WHERE tenant_id = $1`, [tenantA]), { checkpoints: false });
    expect(failureOf(result)).toEqual({ class: 'hash mismatch', position: 60 });
  });
});

describe('tampering with checkpoints', () => {
  it('a forged signature (root changed, signature kept): bad signature at that checkpoint', async () => {
    const store = editedStore((folder) => editRecord(folder, 40, (r) => (r.checkpoint.merkleRoot = '0'.repeat(64))));
    try {
      expect(failureOf(await verifyAfter(noAttack, { store }))).toEqual({ class: 'bad signature', position: 40 });
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });

  it('a checkpoint signed by a key that is not trusted: bad signature', async () => {
    const intruder = generateSigningKey();
    const store = editedStore((folder) =>
      editRecord(folder, 60, (r) => {
        const { signature: _, keyId: __, ...body } = r.checkpoint;
        r.checkpoint = signCheckpoint(body, intruder);
      }),
    );
    try {
      const result = await verifyAfter(noAttack, { store });
      expect(failureOf(result)).toEqual({ class: 'bad signature', position: 60 });
      expect(result.failure?.detail).toMatch(/untrusted key/);
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });

  it('a forged element of the stored consistency proof: inconsistency', async () => {
    const store = editedStore((folder) => editRecord(folder, 60, (r) => (r.consistency.proof[0] = `f${r.consistency.proof[0].slice(1)}`)));
    try {
      expect(failureOf(await verifyAfter(noAttack, { store }))).toEqual({ class: 'inconsistency', position: 60 });
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });

  it('successive checkpoints that are both validly signed but describe different histories: inconsistency', async () => {
    // A compromised (or coerced) sealer signs size 60 over a rewritten history; its proof
    // from 40 is computed honestly over the rewritten leaves and must fail against the old root.
    const copy = await copyDatabase(db.ownerUrl, db.name, `${db.name}_c${++copies}`);
    const client = new pg.Client({ connectionString: copy.url });
    await client.connect();
    let store = '';
    try {
      await tamper(client, `UPDATE events SET payload = replace(payload, 'café', 'tea') WHERE tenant_id = $1 AND tenant_seq = 3`, [tenantA]);
      await rewriteChainFrom(client, tenantA, 3);
      const rows = await storedRows(client, tenantA);
      const leaves = rows.map((r) => leafHash(Buffer.from(r.entry_hash, 'hex')));
      const forged = signCheckpoint({ tenantId: tenantA, treeSize: 60, merkleRoot: merkleRoot(leaves).toString('hex'), chainHead: rows[59].chain_hash, issuedAt: '2026-02-01T00:00:00.000Z' }, key);
      store = editedStore((folder) =>
        writeFileSync(
          join(folder, checkpointFileName(60)),
          JSON.stringify({ format: checkpointFormat, checkpoint: forged, consistency: { fromTreeSize: 40, proof: consistencyProof(leaves, 40).map((d) => d.toString('hex')) } }),
        ),
      );
      const result = await verifyTenant(client, tenantA, { checkpoints: await new FolderCheckpointStore(store).list(tenantA), trustedKeys });
      expect(failureOf(result)).toEqual({ class: 'inconsistency', position: 60 });
    } finally {
      await client.end();
      await copy.drop();
      if (store !== '') rmSync(store, { recursive: true, force: true });
    }
  });

  it('a checkpoint file removed from between two others: inconsistency (the proof names a missing tree)', async () => {
    const store = editedStore((folder) => rmSync(join(folder, checkpointFileName(40))));
    try {
      expect(failureOf(await verifyAfter(noAttack, { store }))).toEqual({ class: 'inconsistency', position: 60 });
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });
});

describe('the sealer', () => {
  it('refuses to sign a tampered log and leaves the checkpoints as they were', async () => {
    const store = editedStore(() => undefined);
    try {
      const outcome = { value: undefined as unknown };
      await verifyAfter(async (c) => {
        await appendEvents(c, tenantA, 'fund-4', [event(61)]);
        await tamper(c, `UPDATE events SET payload = replace(payload, 'café', 'cafe') WHERE tenant_id = $1 AND tenant_seq = 7`, [tenantA]);
        await rewriteChainFrom(c, tenantA, 7);
        outcome.value = await sealTenant(c, tenantA, { store: new FolderCheckpointStore(store), key });
      });
      expect(outcome.value).toMatchObject({ status: 'refused', failure: { class: 'hash mismatch', position: 40 } });
      expect((await new FolderCheckpointStore(store).list(tenantA)).map((r) => r.checkpoint.treeSize)).toEqual([40, 60]);
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });

  it('seals nothing new when the head has not moved, and a new checkpoint that extends the last one when it has', async () => {
    const store = editedStore(() => undefined);
    try {
      const outcomes: unknown[] = [];
      await verifyAfter(async (c) => {
        outcomes.push(await sealTenant(c, tenantA, { store: new FolderCheckpointStore(store), key }));
        await appendEvents(c, tenantA, 'fund-4', [event(61), event(62), event(63)]);
        outcomes.push(await sealTenant(c, tenantA, { store: new FolderCheckpointStore(store), key }));
      });
      expect(outcomes[0]).toMatchObject({ status: 'unchanged', treeSize: 60 });
      expect(outcomes[1]).toMatchObject({ status: 'sealed', record: { checkpoint: { treeSize: 63 }, consistency: { fromTreeSize: 60 } } });
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });
});
