import type pg from 'pg';
import { NavcastError } from '../domain/errors.js';

/** A pool or a single connection (inside a transaction for advanceCheckpoint). */
type Db = pg.Pool | pg.ClientBase;

/** Identifies one checkpoint: a consumer's progress through one tenant for one version. */
export interface CheckpointKey {
  readonly consumer: string;
  readonly tenantId: string;
  readonly version: number;
}

/** The checkpoint moved or the lease was lost since this worker read it: stop and re-read. */
export class CheckpointConflictError extends NavcastError {
  readonly code = 'checkpoint_conflict';
  readonly status = 500;
  override readonly retryable = true;
  constructor(key: CheckpointKey, expectedSeq: number) {
    super(`checkpoint ${key.consumer}/${key.tenantId}/v${key.version} is no longer at ${expectedSeq} under this lease`);
  }
}

/**
 * Takes (or renews) the lease on a checkpoint, creating it at seq 0 when new. Succeeds when
 * the lease is free, expired, or already ours; returns the checkpoint's last_seq, or
 * undefined when another owner holds a live lease.
 */
export async function acquireLease(db: Db, key: CheckpointKey, owner: string, leaseMs: number): Promise<number | undefined> {
  const { rows } = await db.query<{ last_seq: string }>(
    `INSERT INTO consumer_checkpoints AS c (consumer, tenant_id, projection_version, lease_owner, lease_expires_at)
     VALUES ($1, $2, $3, $4, clock_timestamp() + $5 * interval '1 millisecond')
     ON CONFLICT (consumer, tenant_id, projection_version) DO UPDATE
       SET lease_owner = EXCLUDED.lease_owner, lease_expires_at = EXCLUDED.lease_expires_at
       WHERE c.lease_owner IS NULL OR c.lease_owner = EXCLUDED.lease_owner OR c.lease_expires_at < clock_timestamp()
     RETURNING last_seq`,
    [key.consumer, key.tenantId, key.version, owner, leaseMs],
  );
  return rows.length === 0 ? undefined : Number(rows[0].last_seq);
}

/**
 * Compare-and-set: moves last_seq from `expectedSeq` to `newSeq` and renews the lease, only
 * if the checkpoint is still at `expectedSeq` and `owner` still holds an unexpired lease.
 * Call it inside the transaction that wrote the batch, so both commit or neither does.
 */
export async function advanceCheckpoint(db: Db, key: CheckpointKey, owner: string, expectedSeq: number, newSeq: number, leaseMs: number): Promise<void> {
  const result = await db.query(
    `UPDATE consumer_checkpoints
        SET last_seq = $5, updated_at = clock_timestamp(),
            lease_expires_at = clock_timestamp() + $6 * interval '1 millisecond'
      WHERE consumer = $1 AND tenant_id = $2 AND projection_version = $3
        AND last_seq = $7 AND lease_owner = $4 AND lease_expires_at > clock_timestamp()`,
    [key.consumer, key.tenantId, key.version, owner, newSeq, leaseMs, expectedSeq],
  );
  if (result.rowCount !== 1) throw new CheckpointConflictError(key, expectedSeq);
}

/** Gives up a lease held by `owner` (no-op when someone else holds it). */
export async function releaseLease(db: Db, key: CheckpointKey, owner: string): Promise<void> {
  await db.query(
    `UPDATE consumer_checkpoints SET lease_owner = NULL, lease_expires_at = NULL
      WHERE consumer = $1 AND tenant_id = $2 AND projection_version = $3 AND lease_owner = $4`,
    [key.consumer, key.tenantId, key.version, owner],
  );
}

/** last_seq of every tenant's checkpoint of one consumer version. */
export async function checkpointsOf(db: Db, consumer: string, version: number): Promise<Map<string, number>> {
  const { rows } = await db.query<{ tenant_id: string; last_seq: string }>('SELECT tenant_id, last_seq FROM consumer_checkpoints WHERE consumer = $1 AND projection_version = $2', [consumer, version]);
  return new Map(rows.map((r) => [r.tenant_id, Number(r.last_seq)]));
}
