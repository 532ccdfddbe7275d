/**
 * The log's feeds. Per tenant: `tenant_seq > afterSeq`, dense by construction (the head row
 * lock is held to commit), so a hole is an integrity alarm. Across tenants: by
 * (tx_id, global_pos), only below the oldest open transaction's xid, so a late commit is
 * never skipped; the per-stream guard in navcast_append keeps each stream in order.
 */
import type pg from 'pg';
import type { EventTypeRegistry, GlobalPosition, RecordedEvent, StoredEventRow } from '../../domain/events/index.js';
import { LogIntegrityError } from '../../domain/errors.js';
import type { GlobalFeed, GlobalFeedPage, TenantFeed, TenantHead } from '../../domain/ports/index.js';
import { decodeStoredRow, eventRowColumns, toStoredRow } from './rows.js';
import { withTenant } from './tenantScope.js';

/** Throws LogIntegrityError unless rows are exactly afterSeq+1, afterSeq+2, ... */
export function assertDense(tenantId: string, afterSeq: number, rows: readonly { tenantSeq: number }[]): void {
  rows.forEach((row, i) => {
    if (row.tenantSeq !== afterSeq + i + 1) {
      throw new LogIntegrityError(`tenant ${tenantId}: expected seq ${afterSeq + i + 1}, read ${row.tenantSeq} (a hole in the log)`);
    }
  });
}

export class PgTenantFeed implements TenantFeed {
  constructor(
    private readonly pool: pg.Pool,
    private readonly registry: EventTypeRegistry,
  ) {}

  async readStoredRows(tenantId: string, afterSeq: number, limit: number): Promise<readonly StoredEventRow[]> {
    const rows = await withTenant(this.pool, tenantId, async (client) => {
      const result = await client.query(`SELECT ${eventRowColumns} FROM event_rows WHERE tenant_id = $1 AND tenant_seq > $2 ORDER BY tenant_seq LIMIT $3`, [tenantId, afterSeq, limit]);
      return result.rows.map(toStoredRow);
    });
    assertDense(tenantId, afterSeq, rows);
    return rows;
  }

  async readTenant(tenantId: string, afterSeq: number, limit: number): Promise<readonly RecordedEvent[]> {
    const rows = await this.readStoredRows(tenantId, afterSeq, limit);
    return rows.map((row) => decodeStoredRow(this.registry, row));
  }

  /** Every tenant's head visible to the connecting role. */
  async tenantHeads(): Promise<readonly TenantHead[]> {
    const { rows } = await this.pool.query<{ tenant_id: string; last_seq: string; last_hash: string }>('SELECT tenant_id, last_seq, last_hash FROM tenant_log_head ORDER BY tenant_id');
    return rows.map((r) => ({ tenantId: r.tenant_id, lastSeq: Number(r.last_seq), lastHash: r.last_hash }));
  }
}

/** Start of the cross-tenant feed. */
const feedStart: GlobalPosition = { txId: '0', globalPos: 0 };

export class PgGlobalFeed implements GlobalFeed {
  constructor(
    private readonly pool: pg.Pool,
    private readonly registry: EventTypeRegistry,
  ) {}

  async readAll(after: GlobalPosition | null, limit: number): Promise<GlobalFeedPage> {
    const from = after ?? feedStart;
    const { rows } = await this.pool.query(
      `SELECT ${eventRowColumns} FROM event_rows
        WHERE (tx_id, global_pos) > ($1::xid8, $2::bigint)
          AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY tx_id, global_pos LIMIT $3`,
      [from.txId, from.globalPos, limit],
    );
    const events = rows.map((row) => decodeStoredRow(this.registry, toStoredRow(row)));
    return { events, position: events.length > 0 ? events[events.length - 1].position : after };
  }
}
