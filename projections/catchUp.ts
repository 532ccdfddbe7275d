import type pg from 'pg';
import type { TenantFeed } from '../domain/ports/index.js';
import { applyBatch, type ProjectionTarget } from './applyBatch.js';
import { acquireLease } from './checkpoints.js';

/** How a worker catches a projection target up. */
export interface CatchUpOptions {
  readonly pool: pg.Pool;
  readonly feed: TenantFeed;
  /** Lease owner id of this worker (unique per process). */
  readonly owner: string;
  readonly batchSize: number;
  readonly leaseMs: number;
  /** Stop at this tenant_seq (audit replay as of a position); default: the head. */
  readonly untilSeq?: number;
  /** Checked between batches; true ends the pass early. */
  readonly shouldStop?: () => boolean;
}

/** Outcome of one tenant's catch-up. */
export interface TenantCatchUp {
  /** False when another worker holds the lease: nothing was applied. */
  readonly leased: boolean;
  readonly applied: number;
  readonly lastSeq: number;
}

/**
 * Brings one tenant's checkpoint of `target` up to the tenant's head (or `untilSeq`), batch
 * by batch, under the (projection, tenant) lease. Resumable: it starts from the checkpoint.
 */
export async function catchUpTenant(target: ProjectionTarget, tenantId: string, options: CatchUpOptions): Promise<TenantCatchUp> {
  const key = { consumer: target.consumer, tenantId, version: target.version };
  const start = await acquireLease(options.pool, key, options.owner, options.leaseMs);
  if (start === undefined) return { leased: false, applied: 0, lastSeq: -1 };
  let lastSeq = start;
  let applied = 0;
  const until = options.untilSeq ?? Number.POSITIVE_INFINITY;
  const read = (afterSeq: number) => (afterSeq >= until ? Promise.resolve([]) : options.feed.readTenant(tenantId, afterSeq, Math.min(options.batchSize, until - afterSeq)));
  let next = read(lastSeq);
  while (!(options.shouldStop?.() ?? false)) {
    const events = await next;
    if (events.length === 0) break;
    // Read the following batch while this one is written: the log is append-only, so the
    // prefetch cannot go stale, and the database and this process work in parallel.
    next = read(events[events.length - 1].tenantSeq);
    next.catch(() => {}); // surfaced by the await above on the next turn
    lastSeq = await applyBatch(options.pool, target, tenantId, options.owner, lastSeq, events, options.leaseMs);
    applied += events.length;
  }
  return { leased: true, applied, lastSeq };
}
