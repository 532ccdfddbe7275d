/**
 * Group commit: concurrent appends of one tenant are merged into one navcast_append call,
 * one transaction. While a tenant's batch is in flight, new appends queue up; when it
 * commits, everything queued goes in the next batch. Tenants run in parallel, one batch
 * each at a time (the tenant head row serializes them in the database anyway), so the
 * tenant lock is taken once per batch instead of once per append.
 */
import type pg from 'pg';
import { StreamOrderConflictError } from '../../domain/errors.js';
import type { AppendResult } from '../../domain/ports/index.js';
import { callAppend, outcomeToResult } from './appendCall.js';
import { isRetryableSqlError, isServerError } from './sqlErrors.js';
import type { WireRequest } from './wire.js';

export interface GroupCommitOptions {
  /** Upper bound on events per transaction (default 2000). */
  readonly maxBatchEvents?: number;
  /** Attempts per append on a retryable refusal (stream order, deadlock) before failing (default 5). */
  readonly maxAttempts?: number;
}

interface Pending {
  readonly request: WireRequest;
  attempts: number;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Batches appends per tenant; each batch is one autocommit call on a pooled connection. */
export class GroupCommitAppender {
  readonly #pool: pg.Pool;
  readonly #maxBatchEvents: number;
  readonly #maxAttempts: number;
  readonly #queues = new Map<string, Pending[]>();
  readonly #draining = new Set<string>();

  constructor(pool: pg.Pool, options: GroupCommitOptions = {}) {
    this.#pool = pool;
    this.#maxBatchEvents = options.maxBatchEvents ?? 2000;
    this.#maxAttempts = options.maxAttempts ?? 5;
  }

  /** Appends one request (already encoded) and resolves when its batch has committed. */
  append(tenantId: string, request: WireRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      const queue = this.#queues.get(tenantId) ?? [];
      queue.push({ request, attempts: 0, resolve, reject });
      this.#queues.set(tenantId, queue);
      if (!this.#draining.has(tenantId)) {
        this.#draining.add(tenantId);
        // Let appends issued in the same tick join the first batch.
        setImmediate(() => void this.#drain(tenantId));
      }
    });
  }

  async #drain(tenantId: string): Promise<void> {
    try {
      for (;;) {
        const batch = this.#takeBatch(tenantId);
        if (batch.length === 0) return;
        await this.#run(tenantId, batch);
      }
    } finally {
      this.#draining.delete(tenantId);
      this.#queues.delete(tenantId);
    }
  }

  /** Takes queued appends in order up to the size bound, skipping any whose ids overlap the batch. */
  #takeBatch(tenantId: string): Pending[] {
    const queue = this.#queues.get(tenantId) ?? [];
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const ids = new Set<string>();
    let events = 0;
    for (const pending of queue) {
      const size = pending.request.events.length;
      const overlaps = pending.request.events.some((e) => ids.has(e.eventId));
      if (overlaps || (batch.length > 0 && events + size > this.#maxBatchEvents)) {
        rest.push(pending);
        continue;
      }
      batch.push(pending);
      events += size;
      for (const e of pending.request.events) ids.add(e.eventId);
    }
    this.#queues.set(tenantId, rest);
    return batch;
  }

  #requeue(tenantId: string, pending: Pending, error: Error): void {
    pending.attempts += 1;
    if (pending.attempts >= this.#maxAttempts) {
      pending.reject(error);
      return;
    }
    this.#queues.get(tenantId)?.unshift(pending);
  }

  async #run(tenantId: string, batch: Pending[]): Promise<void> {
    let failure: unknown;
    try {
      const client = await this.#pool.connect();
      try {
        const outcomes = await callAppend(
          client,
          tenantId,
          batch.map((p) => p.request),
        );
        outcomes.forEach((outcome, i) => this.#settle(tenantId, batch[i], outcomeToResult(batch[i].request, outcome)));
        return;
      } catch (error) {
        failure = error;
        // A connection-level failure (no SQLSTATE) may have left the client unusable.
        client.release(isServerError(error) ? undefined : (error as Error));
      } finally {
        if (failure === undefined) client.release();
      }
    } catch (error) {
      failure = error;
    }
    if (isRetryableSqlError(failure)) {
      for (const pending of [...batch].reverse()) this.#requeue(tenantId, pending, failure as Error);
    } else if (batch.length > 1 && isServerError(failure)) {
      // One bad request must not fail its neighbours: run each alone to find it.
      for (const pending of batch) await this.#run(tenantId, [pending]);
    } else {
      for (const pending of batch) pending.reject(failure);
    }
  }

  #settle(tenantId: string, pending: Pending, result: AppendResult | Error): void {
    if (result instanceof StreamOrderConflictError) this.#requeue(tenantId, pending, result);
    else if (result instanceof Error) pending.reject(result);
    else pending.resolve(result);
  }
}
