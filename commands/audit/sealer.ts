/**
 * The sealer: for each tenant, verifies the whole log against the tenant's earlier
 * checkpoints, then signs a checkpoint of the current head (tree size, Merkle root over the
 * entry hashes, chain head) with a key the database never sees, and stores it with the
 * consistency proof from the previous checkpoint. It never signs a log it could not verify:
 * a tampered or truncated log is reported (status 'refused'), not blessed.
 * Each run re-verifies the whole log, O(events); at the verifier's rate that is seconds per
 * million events.
 */
import type pg from 'pg';
import { checkpointFormat, signCheckpoint, type CheckpointRecord } from './checkpoint.js';
import type { CheckpointStore } from './checkpointStore.js';
import type { IntegrityFailure } from './findings.js';
import type { SigningKey, TrustedKeys } from './keys.js';
import { listLogTenants } from './liveLog.js';
import { verifyTenant } from './verifier.js';

export interface SealOptions {
  readonly store: CheckpointStore;
  readonly key: SigningKey;
  /** Earlier keys whose checkpoints still count (the sealer's own key always does). */
  readonly trustedKeys?: TrustedKeys;
  /** Source of issuedAt. */
  readonly clock?: () => Date;
}

export type SealOutcome =
  | { readonly tenantId: string; readonly status: 'sealed'; readonly record: CheckpointRecord }
  | { readonly tenantId: string; readonly status: 'unchanged' | 'empty'; readonly treeSize: number }
  | { readonly tenantId: string; readonly status: 'refused'; readonly failure: IntegrityFailure };

/** Seals one tenant's current head. */
export async function sealTenant(client: pg.ClientBase, tenantId: string, options: SealOptions): Promise<SealOutcome> {
  const records = await options.store.list(tenantId);
  const previous = records.at(-1)?.checkpoint;
  const trustedKeys = new Map(options.trustedKeys ?? []);
  trustedKeys.set(options.key.keyId, options.key.publicKey);
  const verified = await verifyTenant(client, tenantId, {
    checkpoints: records,
    trustedKeys,
    computeRoot: true,
    proofFromTreeSize: previous?.treeSize,
  });
  if (verified.failure !== null) return { tenantId, status: 'refused', failure: verified.failure };
  if (verified.lastSeq === 0) return { tenantId, status: 'empty', treeSize: 0 };
  if (previous !== undefined && previous.treeSize === verified.lastSeq) return { tenantId, status: 'unchanged', treeSize: previous.treeSize };
  const checkpoint = signCheckpoint(
    {
      tenantId,
      treeSize: verified.lastSeq,
      merkleRoot: verified.merkleRoot!,
      chainHead: verified.chainHead,
      issuedAt: (options.clock ?? (() => new Date()))().toISOString(),
    },
    options.key,
  );
  const record: CheckpointRecord = {
    format: checkpointFormat,
    checkpoint,
    consistency: previous === undefined ? null : { fromTreeSize: previous.treeSize, proof: [...verified.consistencyProof!] },
  };
  await options.store.put(record);
  return { tenantId, status: 'sealed', record };
}

/** Seals every tenant with a log (or the given ones), one after another. */
export async function sealTenants(client: pg.ClientBase, options: SealOptions & { readonly tenantIds?: readonly string[] }): Promise<SealOutcome[]> {
  const tenants = options.tenantIds ?? [...new Set([...(await listLogTenants(client)), ...(await options.store.tenants())])].sort();
  const outcomes: SealOutcome[] = [];
  for (const tenantId of tenants) outcomes.push(await sealTenant(client, tenantId, options));
  return outcomes;
}
