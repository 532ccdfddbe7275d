/**
 * Verifies tenant logs: the signed checkpoints among themselves first (signatures,
 * consistency proofs), then a walk over every row (see ChainWalker). The same code serves a
 * live database and an offline bundle; only the row source differs.
 */
import type pg from 'pg';
import type { TenantHead } from '../../domain/ports/eventLog.js';
import { ChainWalker } from './chainWalker.js';
import { checkCheckpointRecords } from './checkpointChecks.js';
import type { CheckpointRecord } from './checkpoint.js';
import type { CheckpointStore } from './checkpointStore.js';
import type { AuditRow, TenantVerification } from './findings.js';
import type { TrustedKeys } from './keys.js';
import { inSnapshot, listLogTenants, readTenantHead, tenantRows } from './liveLog.js';
import { consistencyProofRanges } from './merkle.js';

export interface VerifyOptions {
  /** The tenant's signed checkpoints, ordered by tree size (default: none). */
  readonly checkpoints?: readonly CheckpointRecord[];
  /** Keys whose signatures count; a checkpoint signed by any other key is a bad signature. */
  readonly trustedKeys?: TrustedKeys;
  /** Also compute the Merkle root over the whole log. */
  readonly computeRoot?: boolean;
  /** Also compute the consistency proof from this tree size to the log's size (sealer). */
  readonly proofFromTreeSize?: number;
  /** Rows per database fetch. */
  readonly batchSize?: number;
}

/** A verification, plus the consistency proof when one was asked for (hex digests). */
export interface VerifyResult extends TenantVerification {
  readonly consistencyProof: readonly string[] | null;
}

/** Verifies a tenant's rows from any ordered source (a database cursor, a bundle file). */
export async function verifyRows(tenantId: string, rows: AsyncIterable<readonly AuditRow[]>, head: TenantHead | null, options: VerifyOptions = {}): Promise<VerifyResult> {
  const checkpoints = options.checkpoints ?? [];
  const walker = new ChainWalker({
    tenantId,
    checkpoints,
    computeRoot: options.computeRoot,
    proofRanges: options.proofFromTreeSize === undefined || head === null || options.proofFromTreeSize > head.lastSeq ? undefined : consistencyProofRanges(options.proofFromTreeSize, head.lastSeq),
  });
  walker.failure = checkCheckpointRecords(tenantId, checkpoints, options.trustedKeys ?? new Map());
  if (walker.failure === null) {
    for await (const batch of rows) if (!walker.push(batch)) break;
  }
  const verification = walker.finish(head);
  const consistencyProof = verification.ok && options.proofFromTreeSize !== undefined ? walker.proofElements().map((d) => d.toString('hex')) : null;
  return { ...verification, consistencyProof };
}

/** Verifies one tenant of a live database, in one snapshot. */
export async function verifyTenant(client: pg.ClientBase, tenantId: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  return inSnapshot(client, async () => {
    const head = await readTenantHead(client, tenantId);
    return verifyRows(tenantId, tenantRows(client, tenantId, { batchSize: options.batchSize }), head, options);
  });
}

/**
 * Verifies every tenant that has a log or a checkpoint (a tenant whose rows were all deleted
 * still has its checkpoints, which then report the truncation).
 */
export async function verifyDatabase(
  client: pg.ClientBase,
  options: { readonly store?: CheckpointStore; readonly trustedKeys?: TrustedKeys; readonly tenantIds?: readonly string[]; readonly batchSize?: number },
): Promise<VerifyResult[]> {
  const tenants = options.tenantIds ?? [...new Set([...(await listLogTenants(client)), ...((await options.store?.tenants()) ?? [])])].sort();
  const results: VerifyResult[] = [];
  for (const tenantId of tenants) {
    const checkpoints = (await options.store?.list(tenantId)) ?? [];
    results.push(await verifyTenant(client, tenantId, { checkpoints, trustedKeys: options.trustedKeys, batchSize: options.batchSize }));
  }
  return results;
}
