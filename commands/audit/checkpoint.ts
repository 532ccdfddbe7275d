/**
 * Signed checkpoints (signed tree heads) of a tenant's log. The signature covers the bytes
 * `navcast-checkpoint/v1\n` + canonical JSON of {tenantId, treeSize, merkleRoot, chainHead,
 * issuedAt, keyId}; the prefix separates these signatures from any other use of the key.
 * A stored record adds, unsigned, the consistency proof from the previous checkpoint: it
 * needs no signature because it is checked against the two signed roots.
 */
import { Sha256Hex } from '../../domain/hex.js';
import { sign, verify } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../domain/events/canonical.js';
import { AuditInputError } from './errors.js';
import type { SigningKey, TrustedKeys } from './keys.js';

export const checkpointFormat = 'navcast-checkpoint/v1';

const hex64 = Sha256Hex;

const CheckpointBodySchema = z.strictObject({
  tenantId: z.string().min(1),
  /** Number of events covered: tenant_seq 1..treeSize. */
  treeSize: z.number().int().positive(),
  /** RFC 6962 root over the entry hashes of tenant_seq 1..treeSize. */
  merkleRoot: hex64,
  /** chain_hash of tenant_seq treeSize. */
  chainHead: hex64,
  issuedAt: z.string().min(1),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
});

/** What a checkpoint asserts. */
export type CheckpointBody = z.infer<typeof CheckpointBodySchema>;

const SignedCheckpointSchema = CheckpointBodySchema.extend({ signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/) });

/** A checkpoint with its Ed25519 signature (base64). */
export type SignedCheckpoint = z.infer<typeof SignedCheckpointSchema>;

const CheckpointRecordSchema = z.strictObject({
  format: z.literal(checkpointFormat),
  checkpoint: SignedCheckpointSchema,
  /** Proof that this tree extends the tenant's previous checkpoint (absent for the first). */
  consistency: z.strictObject({ fromTreeSize: z.number().int().positive(), proof: z.array(hex64) }).nullable(),
});

/** One stored checkpoint file. */
export type CheckpointRecord = z.infer<typeof CheckpointRecordSchema>;

/** The exact bytes that are signed. */
export function checkpointSigningBytes(body: CheckpointBody): Buffer {
  const { tenantId, treeSize, merkleRoot, chainHead, issuedAt, keyId } = body;
  return Buffer.from(`${checkpointFormat}\n${canonicalJson({ tenantId, treeSize, merkleRoot, chainHead, issuedAt, keyId })}`, 'utf8');
}

/** Signs a checkpoint body with the sealer's key (its key id must be the key's). */
export function signCheckpoint(body: Omit<CheckpointBody, 'keyId'>, key: SigningKey): SignedCheckpoint {
  const full: CheckpointBody = CheckpointBodySchema.parse({ ...body, keyId: key.keyId });
  const signature = sign(null, checkpointSigningBytes(full), key.privateKey).toString('base64');
  return { ...full, signature };
}

/** Why a checkpoint's signature does not hold, or null when it does. */
export function checkpointSignatureProblem(checkpoint: SignedCheckpoint, trusted: TrustedKeys): string | null {
  const publicKey = trusted.get(checkpoint.keyId);
  if (publicKey === undefined) return `signed by untrusted key ${checkpoint.keyId}`;
  const signature = Buffer.from(checkpoint.signature, 'base64');
  if (signature.length !== 64) return 'signature is not 64 bytes';
  return verify(null, checkpointSigningBytes(checkpoint), publicKey, signature) ? null : 'signature does not verify';
}

/** Parses a stored checkpoint record (JSON already decoded). */
export function parseCheckpointRecord(value: unknown, where: string): CheckpointRecord {
  const parsed = CheckpointRecordSchema.safeParse(value);
  if (!parsed.success) throw new AuditInputError(`${where}: not a checkpoint record: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Serialized form of a record as stored in a file (stable, one line plus newline). */
export function serializeCheckpointRecord(record: CheckpointRecord): string {
  return `${canonicalJson(record)}\n`;
}
