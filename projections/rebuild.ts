import type pg from 'pg';
import type { ProjectionTarget } from './applyBatch.js';
import { catchUpTenant, type CatchUpOptions } from './catchUp.js';
import type { Projection } from './projection.js';

/** Creates (once) the tables of a projection version in a schema, via its DDL function. */
export async function createProjectionTables(pool: pg.Pool, projection: Projection, schema: string, version: number): Promise<void> {
  await pool.query(`SELECT ${projection.ddl.create}($1, $2)`, [schema, version]);
}

export interface RebuildResult {
  readonly tenants: number;
  readonly events: number;
  readonly ms: number;
  /** Tenants whose lease another worker held (not rebuilt by this call). */
  readonly skippedTenants: readonly string[];
}

/**
 * Rebuilds a projection version into `target.schema` from each tenant's checkpoint (seq 0
 * for a new target) up to the head or `untilSeq`. Resumable after a crash: run it again and
 * it continues where the committed checkpoints stand. Writes in bulk, one transaction per
 * batch, `concurrency` tenants at a time (default 2). Used by `audit replay`, the tests and the
 * benchmark; the runner's blue/green build goes tenant by tenant.
 */
export async function rebuildProjection(target: ProjectionTarget, options: CatchUpOptions & { readonly tenants?: readonly string[]; readonly concurrency?: number }): Promise<RebuildResult> {
  const started = performance.now();
  await createProjectionTables(options.pool, target.projection, target.schema, target.version);
  const tenants = options.tenants ?? (await options.feed.tenantHeads()).filter((h) => h.lastSeq > 0).map((h) => h.tenantId);
  let events = 0;
  const skippedTenants: string[] = [];
  const queue = [...tenants];
  let failure: { error: unknown } | undefined;
  // The first failure stops the other workers at their next batch, and the call settles only
  // once all have stopped, so a retry never races a worker of the failed call.
  const tenantOptions = { ...options, shouldStop: () => failure !== undefined || (options.shouldStop?.() ?? false) };
  // A few tenants at a time: while one waits on the database, another projects in Node.
  const worker = async (): Promise<void> => {
    for (let tenantId = queue.shift(); tenantId !== undefined && failure === undefined; tenantId = queue.shift()) {
      try {
        const outcome = await catchUpTenant(target, tenantId, tenantOptions);
        if (!outcome.leased) skippedTenants.push(tenantId);
        events += outcome.applied;
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  if (failure !== undefined) throw failure.error;
  return { tenants: tenants.length, events, ms: performance.now() - started, skippedTenants };
}
