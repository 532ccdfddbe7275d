import type pg from 'pg';
import type { AppendNotifications, TenantFeed } from '../domain/ports/index.js';
import type { ProjectionTarget } from './applyBatch.js';
import { catchUpTenant } from './catchUp.js';
import { checkpointsOf, releaseLease } from './checkpoints.js';
import type { Projection } from './projection.js';
import { activateVersion, ensureVersion } from './versions.js';

export interface RunnerOptions {
  /** Pool of the projector role (writes read models and checkpoints). */
  readonly pool: pg.Pool;
  readonly feed: TenantFeed;
  /** NOTIFY wake-ups; without them the runner only polls. */
  readonly notifications?: AppendNotifications;
  readonly projections: readonly Projection[];
  /** Unique id of this worker, e.g. `host:pid:random`. */
  readonly owner: string;
  readonly batchSize?: number;
  /** Polling interval, the backstop to NOTIFY (ms). */
  readonly pollMs?: number;
  /** Lease length (ms); a crashed worker's tenants move on after this. */
  readonly leaseMs?: number;
  /** Called with errors of a pass; the runner keeps going and retries on the next one. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Keeps every projection's code version up to date for every tenant: woken by NOTIFY,
 * polling as a backstop. A version the database does not know yet is built blue/green
 * from seq 0 into new tables while the active version serves, and switched to once caught up.
 */
export class ProjectionRunner {
  #stopping = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #unsubscribe: (() => Promise<void>) | undefined;
  readonly #held = new Set<string>();

  constructor(private readonly options: RunnerOptions) {}

  /** Runs one pass over every projection and tenant; returns the events applied. */
  async catchUp(): Promise<number> {
    const o = this.options;
    let applied = 0;
    for (const projection of o.projections) {
      const status = await ensureVersion(o.pool, projection);
      if (status === 'retired') continue; // a newer deployment has taken over this projection
      const target: ProjectionTarget = { projection, schema: 'read_models', version: projection.version, consumer: projection.name };
      const heads = await o.feed.tenantHeads();
      const checkpoints = await checkpointsOf(o.pool, projection.name, projection.version);
      let behind = false;
      for (const head of heads) {
        if (this.#stopping) return applied;
        if (head.lastSeq <= (checkpoints.get(head.tenantId) ?? 0)) continue;
        const outcome = await catchUpTenant(target, head.tenantId, {
          pool: o.pool,
          feed: o.feed,
          owner: o.owner,
          batchSize: o.batchSize ?? 1000,
          leaseMs: o.leaseMs ?? 30_000,
          shouldStop: () => this.#stopping,
        });
        if (outcome.leased) this.#held.add(head.tenantId);
        applied += outcome.applied;
        if (!outcome.leased || outcome.lastSeq < head.lastSeq) behind = true;
      }
      if (status === 'building' && !behind && !this.#stopping) await activateVersion(o.pool, projection, projection.version);
    }
    return applied;
  }

  /** Starts the background loop (returns once subscribed). */
  async start(): Promise<void> {
    if (this.#loop !== undefined) throw new Error('projection runner already started');
    this.#unsubscribe = await this.options.notifications?.subscribe(() => this.#wake?.());
    this.#loop = this.#run();
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        await this.catchUp();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (this.#stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 2000);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /** Stops after the current batch, stops listening and releases this worker's leases. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    await this.#unsubscribe?.();
    for (const projection of this.options.projections) {
      for (const tenantId of this.#held) {
        await releaseLease(this.options.pool, { consumer: projection.name, tenantId, version: projection.version }, this.options.owner);
      }
    }
  }
}
