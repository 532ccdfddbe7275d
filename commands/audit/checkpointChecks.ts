/**
 * Checks a tenant's signed checkpoints among themselves, before any row is read: each is
 * signed by a trusted key and names this tenant, and each stored consistency proof shows
 * that its tree extends the earlier checkpoint it names. Whether the log itself matches the
 * checkpoints is the chain walker's job.
 */
import { checkpointSignatureProblem, type CheckpointRecord } from './checkpoint.js';
import { AuditInputError } from './errors.js';
import type { IntegrityFailure } from './findings.js';
import type { TrustedKeys } from './keys.js';
import { verifyConsistency } from './merkle.js';

const digest = (hex: string): Buffer => Buffer.from(hex, 'hex');

/** The first problem with the checkpoint set (records ordered by tree size), or null. */
export function checkCheckpointRecords(tenantId: string, records: readonly CheckpointRecord[], trusted: TrustedKeys): IntegrityFailure | null {
  for (let i = 0; i < records.length; i++) {
    const { checkpoint, consistency } = records[i];
    const position = checkpoint.treeSize;
    if (i > 0 && records[i - 1].checkpoint.treeSize > position) throw new AuditInputError('checkpoint records must be ordered by tree size');
    if (checkpoint.tenantId !== tenantId) {
      return { class: 'bad signature', position, detail: `checkpoint filed under tenant ${tenantId} is for tenant ${checkpoint.tenantId}` };
    }
    const problem = checkpointSignatureProblem(checkpoint, trusted);
    if (problem !== null) return { class: 'bad signature', position, detail: `checkpoint of tree size ${position} (issued ${checkpoint.issuedAt}): ${problem}` };
    const sameSize = records.slice(0, i).find((r) => r.checkpoint.treeSize === position);
    if (sameSize !== undefined && (sameSize.checkpoint.merkleRoot !== checkpoint.merkleRoot || sameSize.checkpoint.chainHead !== checkpoint.chainHead)) {
      return { class: 'inconsistency', position, detail: `two signed checkpoints of tree size ${position} disagree` };
    }
    if (consistency === null) continue;
    const from = records.slice(0, i).find((r) => r.checkpoint.treeSize === consistency.fromTreeSize);
    if (from === undefined) {
      return {
        class: 'inconsistency',
        position,
        detail: `checkpoint of tree size ${position} extends tree size ${consistency.fromTreeSize}, but no checkpoint of that size is present (removed?)`,
      };
    }
    const holds = verifyConsistency(from.checkpoint.treeSize, position, digest(from.checkpoint.merkleRoot), digest(checkpoint.merkleRoot), consistency.proof.map(digest));
    if (!holds) {
      return {
        class: 'inconsistency',
        position,
        detail: `the consistency proof from tree size ${from.checkpoint.treeSize} to ${position} does not hold: the signed trees disagree or the proof was altered`,
      };
    }
  }
  return null;
}
