import type pg from 'pg';
import { LogIntegrityError } from '../domain/errors.js';
import type { RecordedEvent } from '../domain/events/index.js';
import { withTenant } from '../read-models/index.js';
import { advanceCheckpoint, type CheckpointKey } from './checkpoints.js';
import { coalesce } from './coalesce.js';
import { writeNetChanges } from './bulkWrite.js';
import type { Projection, RowChange } from './projection.js';

/** Where a projection version writes: its tables in `schema`, progress under `consumer`. */
export interface ProjectionTarget {
  readonly projection: Projection;
  readonly schema: string;
  readonly version: number;
  readonly consumer: string;
}

/** Row changes of a batch, each tagged with its event's tenant_seq. */
function changesOf(projection: Projection, events: readonly RecordedEvent[], afterSeq: number) {
  const changes: { change: RowChange; seq: number }[] = [];
  events.forEach((event, i) => {
    // The per-tenant feed is dense; a gap here would silently lose rows, so stop loudly.
    if (event.tenantSeq !== afterSeq + 1 + i) {
      throw new LogIntegrityError(`tenant ${event.tenantId}: expected seq ${afterSeq + 1 + i}, got ${event.tenantSeq}`);
    }
    const projected = { tenantId: event.tenantId, tenantSeq: event.tenantSeq, eventType: event.eventType, payload: event.payload, recordedAt: event.recordedAt };
    for (const change of projection.project(projected)) changes.push({ change, seq: event.tenantSeq });
  });
  return changes;
}

/**
 * Applies one batch of a tenant's events in one transaction: the RLS tenant is set
 * transaction-locally, the net row changes are written in bulk, and the checkpoint moves
 * from `afterSeq` to the batch's last seq by compare-and-set. Either all of it commits or
 * nothing does; a lost lease or a moved checkpoint raises CheckpointConflictError.
 */
export async function applyBatch(pool: pg.Pool, target: ProjectionTarget, tenantId: string, owner: string, afterSeq: number, events: readonly RecordedEvent[], leaseMs: number): Promise<number> {
  if (events.length === 0) return afterSeq;
  const net = coalesce(changesOf(target.projection, events, afterSeq));
  const lastSeq = events[events.length - 1].tenantSeq;
  const key: CheckpointKey = { consumer: target.consumer, tenantId, version: target.version };
  return await withTenant(pool, tenantId, async (client) => {
    await writeNetChanges(client, target.schema, target.version, net);
    await advanceCheckpoint(client, key, owner, afterSeq, lastSeq, leaseMs);
    return lastSeq;
  });
}
