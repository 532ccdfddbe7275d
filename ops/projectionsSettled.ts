/**
 * Read-your-writes for the portal: after a command, wait until the projector (running beside
 * the web server) has applied every event that was in the log when the wait began, so the
 * page the user is redirected to shows what they just did.
 */
import type pg from 'pg';
import type { Projection } from '../projections/index.js';

/** How a wait ended: settled, or still behind after the time limit (the caller logs it). */
export type SettleOutcome = { readonly settled: true } | { readonly settled: false; readonly behind: number };

/**
 * Polls checkpoints against the log heads as they were at the call, every `pollMs`, for at
 * most `timeoutMs`. Counts (tenant, projection) pairs still behind.
 */
export async function waitForProjections(pool: pg.Pool, projections: readonly Projection[], options: { timeoutMs?: number; pollMs?: number } = {}): Promise<SettleOutcome> {
  const names = projections.map((p) => p.name);
  const versions = projections.map((p) => p.version);
  const { rows: heads } = await pool.query<{ tenant_id: string; last_seq: string }>('SELECT tenant_id, last_seq FROM tenant_log_head WHERE last_seq > 0');
  const deadline = Date.now() + (options.timeoutMs ?? 3000);
  for (;;) {
    const { rows } = await pool.query<{ behind: number }>(
      `SELECT count(*)::int AS behind
         FROM jsonb_to_recordset($1::jsonb) AS h(tenant_id uuid, last_seq bigint)
         CROSS JOIN unnest($2::text[], $3::int[]) AS p(consumer, version)
         LEFT JOIN consumer_checkpoints c
           ON c.consumer = p.consumer AND c.tenant_id = h.tenant_id AND c.projection_version = p.version
        WHERE coalesce(c.last_seq, 0) < h.last_seq`,
      [JSON.stringify(heads), names, versions],
    );
    const behind = rows[0].behind;
    if (behind === 0) return { settled: true };
    if (Date.now() >= deadline) return { settled: false, behind };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 20));
  }
}
