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
  /** First wait before subscribing again after the notification connection was lost (ms, default 250; doubles to 30 s). */
  readonly resubscribeMs?: number;
  /** Told every change of the notification subscription (for /healthz and logs). */
  readonly onSubscription?: (status: SubscriptionStatus) => void;
}

/**
 * The runner's wake-up subscription: `listening`, `lost` (polling only, resubscribing with
 * backoff; `attempts` failed tries so far, `error` the last failure) or `off` (no
 * notifications configured, or stopped).
 */
export interface SubscriptionStatus {
  readonly state: 'listening' | 'lost' | 'off';
  readonly since: string;
  readonly attempts: number;
  readonly error?: string;
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
  #resubscribeTimer: NodeJS.Timeout | undefined;
  #subscription: SubscriptionStatus = { state: 'off', since: new Date().toISOString(), attempts: 0 };
  readonly #held = new Set<string>();

  constructor(private readonly options: RunnerOptions) {}

  /** Whether the runner is woken by NOTIFY now, or only polls (see SubscriptionStatus). */
  get subscription(): SubscriptionStatus {
    return this.#subscription;
  }

  #setSubscription(state: SubscriptionStatus['state'], attempts: number, error?: Error): void {
    this.#subscription = { state, since: new Date().toISOString(), attempts, ...(error === undefined ? {} : { error: error.message }) };
    this.options.onSubscription?.(this.#subscription);
  }

  /** Subscribes; on a lost connection (or a failed try) tries again after a doubling wait. */
  async #subscribe(attempts: number): Promise<void> {
    const notifications = this.options.notifications;
    if (notifications === undefined || this.#stopping) return;
    try {
      this.#unsubscribe = await notifications.subscribe(
        () => this.#wake?.(),
        (error) => {
          this.#unsubscribe = undefined;
          this.#setSubscription('lost', 0, error);
          this.#scheduleResubscribe(0);
        },
      );
      this.#setSubscription('listening', 0);
      // Appends made while nobody listened were not announced: catch up on them now.
      if (attempts > 0) this.#wake?.();
    } catch (error) {
      if (attempts === 0 && this.#subscription.state === 'off') throw error; // the first subscription fails start()
      this.#setSubscription('lost', attempts + 1, error as Error);
      this.#scheduleResubscribe(attempts + 1);
    }
  }

  #scheduleResubscribe(attempts: number): void {
    if (this.#stopping) return;
    const wait = Math.min(30_000, (this.options.resubscribeMs ?? 250) * 2 ** attempts);
    this.#resubscribeTimer = setTimeout(() => {
      this.#resubscribeTimer = undefined;
      void this.#subscribe(Math.max(attempts, 1));
    }, wait);
  }

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
    await this.#subscribe(0);
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
    clearTimeout(this.#resubscribeTimer);
    await this.#loop;
    await this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.options.notifications !== undefined) this.#setSubscription('off', 0);
    for (const projection of this.options.projections) {
      for (const tenantId of this.#held) {
        await releaseLease(this.options.pool, { consumer: projection.name, tenantId, version: projection.version }, this.options.owner);
      }
    }
  }
}
