/**
 * Group commit of the access log: every read that must be recorded still waits until its row
 * is committed before its response is sent (a failed write fails the request), but the rows
 * of requests that arrive while a write is in flight go together in the next INSERT, one
 * commit (one WAL flush) for all of them instead of one each. Under no load a row is written
 * at once, alone. A batch the database refuses is retried row by row, so that one bad row
 * fails only its own request. docs/architecture.md "Reads in one round trip".
 */
import type pg from 'pg';

/** The columns of web.access_log (migration 0230) in insert order, as one row's values. */
export type AccessRowValues = readonly unknown[];

const COLUMNS = '(at, actor_kind, actor_id, actor_tenant_id, actor_email, tenant_id, action, resource_type, resource_id, request_id, ip)';
const WIDTH = 11;
/** Rows in one INSERT at most (11 parameters each, far under PostgreSQL's 65535). */
const MAX_BATCH = 500;

interface Pending {
  readonly values: AccessRowValues;
  resolve(): void;
  reject(error: unknown): void;
}

async function insert(pool: Pick<pg.Pool, 'query'>, rows: readonly AccessRowValues[]): Promise<void> {
  const placeholders = rows.map((_, r) => `(${Array.from({ length: WIDTH }, (_, c) => `$${r * WIDTH + c + 1}`).join(', ')})`);
  await pool.query(`INSERT INTO web.access_log ${COLUMNS} VALUES ${placeholders.join(', ')}`, rows.flat());
}

/** Writes access-log rows for one pool, batching those that wait on a write in flight. */
export class AccessLogBatches {
  private queue: Pending[] = [];
  private writing = false;

  constructor(private readonly pool: Pick<pg.Pool, 'query'>) {}

  /** Resolves once the row is committed; rejects with the database's error if it is refused. */
  write(values: AccessRowValues): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ values, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await insert(
            this.pool,
            batch.map((p) => p.values),
          );
          for (const p of batch) p.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0].reject(error);
          else await Promise.all(batch.map((p) => insert(this.pool, [p.values]).then(p.resolve, p.reject)));
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

const batchesOf = new WeakMap<object, AccessLogBatches>();

/** The batches of `pool` (one per pool, made on first use). */
export function accessLogBatchesOf(pool: Pick<pg.Pool, 'query'>): AccessLogBatches {
  let batches = batchesOf.get(pool);
  if (batches === undefined) {
    batches = new AccessLogBatches(pool);
    batchesOf.set(pool, batches);
  }
  return batches;
}
