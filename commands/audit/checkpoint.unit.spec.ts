import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointFormat, checkpointSignatureProblem, signCheckpoint, type CheckpointRecord } from './checkpoint.js';
import { checkCheckpointRecords } from './checkpointChecks.js';
import { FolderCheckpointStore } from './checkpointStore.js';
import { consistencyProof, leafHash, merkleRoot } from './merkle.js';
import { generateSigningKey, keyIdOf, parsePublicKey, parseSigningKey, publicKeyPem, rawPublicKey, trustKeys } from './keys.js';

const tenantId = '0b7e4a52-9d3c-4f0e-8a61-2f5d9c3b1e47';
const body = {
  tenantId,
  treeSize: 42,
  merkleRoot: 'ab'.repeat(32),
  chainHead: 'cd'.repeat(32),
  issuedAt: '2026-01-02T03:04:05.678Z',
};

describe('checkpoint signatures', () => {
  const key = generateSigningKey();
  const trusted = trustKeys(key.publicKey);

  it('verifies a fresh signature and rejects every altered field', () => {
    const signed = signCheckpoint(body, key);
    expect(signed.keyId).toBe(key.keyId);
    expect(checkpointSignatureProblem(signed, trusted)).toBeNull();
    const alterations = [
      { treeSize: 41 },
      { merkleRoot: 'ac'.repeat(32) },
      { chainHead: 'ce'.repeat(32) },
      { issuedAt: '2026-01-02T03:04:05.679Z' },
      { tenantId: '1b7e4a52-9d3c-4f0e-8a61-2f5d9c3b1e47' },
    ];
    for (const change of alterations) {
      expect(checkpointSignatureProblem({ ...signed, ...change }, trusted)).toBe('signature does not verify');
    }
  });

  it('rejects a signature from an untrusted key, even one that is valid for that key', () => {
    const other = generateSigningKey();
    const signed = signCheckpoint(body, other);
    expect(checkpointSignatureProblem(signed, trusted)).toMatch(/untrusted key/);
    // Claiming the trusted key id does not help: the signature must be the trusted key's.
    expect(checkpointSignatureProblem({ ...signed, keyId: key.keyId }, trusted)).toBe('signature does not verify');
  });

  it('reads keys as PEM and as raw base64, with the same key id', () => {
    const fromPem = parseSigningKey(key.privateKeyPem);
    expect(fromPem.keyId).toBe(key.keyId);
    const seed = key.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
    expect(parseSigningKey(seed.toString('base64')).keyId).toBe(key.keyId);
    const seedAndPublic = Buffer.concat([seed, rawPublicKey(key.publicKey)]);
    expect(parseSigningKey(seedAndPublic.toString('base64')).keyId).toBe(key.keyId);
    expect(keyIdOf(parsePublicKey(publicKeyPem(key.publicKey)))).toBe(key.keyId);
    expect(keyIdOf(parsePublicKey(rawPublicKey(key.publicKey).toString('base64')))).toBe(key.keyId);
    expect(() => parseSigningKey('not a key!')).toThrow(/neither PEM nor base64/);
    expect(() => parseSigningKey(Buffer.alloc(31).toString('base64'))).toThrow(/31 bytes/);
    expect(() => parseSigningKey(Buffer.concat([seed, Buffer.alloc(32)]).toString('base64'))).toThrow(/own public key/);
  });
});

describe('folder checkpoint store', () => {
  const root = mkdtempSync(join(tmpdir(), 'navcast-checkpoints-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const key = generateSigningKey();
  const record = (treeSize: number, issuedAt = body.issuedAt): CheckpointRecord => ({
    format: checkpointFormat,
    checkpoint: signCheckpoint({ ...body, treeSize, issuedAt }, key),
    consistency: null,
  });

  it('writes one file per tree size, lists them in order, and never overwrites', async () => {
    const store = new FolderCheckpointStore(root);
    await store.put(record(10));
    await store.put(record(9));
    await store.put(record(10)); // identical: accepted
    await expect(store.put(record(10, '2027-01-01T00:00:00.000Z'))).rejects.toMatchObject({ code: 'audit_checkpoint_exists' });
    const listed = await store.list(tenantId);
    expect(listed.map((r) => r.checkpoint.treeSize)).toEqual([9, 10]);
    expect(listed[1].checkpoint.issuedAt).toBe(body.issuedAt);
    expect(readdirSync(join(root, tenantId))).toEqual(['0000000000000009.json', '0000000000000010.json']);
    expect(await store.tenants()).toEqual([tenantId]);
    expect(await store.list('5b7e4a52-9d3c-4f0e-8a61-2f5d9c3b1e47')).toEqual([]);
    expect(JSON.parse(readFileSync(join(root, tenantId, '0000000000000009.json'), 'utf8')).checkpoint.treeSize).toBe(9);
  });

  it('refuses tenant ids that would escape the folder', async () => {
    const store = new FolderCheckpointStore(root);
    await expect(store.list('../etc')).rejects.toMatchObject({ code: 'audit_invalid_input' });
  });
});

describe('checks among signed checkpoints', () => {
  const key = generateSigningKey();
  const trusted = trustKeys(key.publicKey);
  const leaves = Array.from({ length: 9 }, (_, i) => leafHash(Buffer.alloc(32, i)));
  const record = (n: number, from?: number, proof?: string[]): CheckpointRecord => ({
    format: checkpointFormat,
    checkpoint: signCheckpoint({ ...body, treeSize: n, merkleRoot: merkleRoot(leaves, n).toString('hex') }, key),
    consistency: from === undefined ? null : { fromTreeSize: from, proof: proof ?? consistencyProof(leaves, from, n).map((d) => d.toString('hex')) },
  });

  it('accepts successive checkpoints whose proofs hold', () => {
    expect(checkCheckpointRecords(tenantId, [record(3), record(5, 3), record(9, 5)], trusted)).toBeNull();
  });

  it('finds a proof against the wrong earlier tree, two disagreeing checkpoints of one size, and a foreign tenant', () => {
    const wrongProof = record(
      9,
      5,
      consistencyProof(leaves, 4, 9).map((d) => d.toString('hex')),
    );
    expect(checkCheckpointRecords(tenantId, [record(5), wrongProof], trusted)).toMatchObject({ class: 'inconsistency', position: 9 });
    const other = { ...record(5), checkpoint: signCheckpoint({ ...body, treeSize: 5, merkleRoot: 'ee'.repeat(32) }, key) };
    expect(checkCheckpointRecords(tenantId, [record(5), other], trusted)).toMatchObject({ class: 'inconsistency', position: 5 });
    expect(checkCheckpointRecords('1b7e4a52-9d3c-4f0e-8a61-2f5d9c3b1e47', [record(5)], trusted)).toMatchObject({ class: 'bad signature', position: 5 });
    expect(() => checkCheckpointRecords(tenantId, [record(5), record(3)], trusted)).toThrow(/ordered/);
  });
});
