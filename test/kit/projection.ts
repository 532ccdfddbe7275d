/**
 * Given/when/then specifications of projectors on real PostgreSQL, in the style of Emmett's
 * PostgreSQLProjectionSpec: `projectionSpec(projection, pool)(given).when(events).then(table, rows)`.
 * Each run takes a fresh tenant (or clears a fixed one), applies `given` and then `when` as two batches through the
 * runner's own write path (applyBatch: coalescing, bulk writes, RLS tenant, checkpoint), and
 * reads the table's rows of that tenant ordered by its key. Rows come back without
 * `tenant_id`, timestamps as ISO strings and dates as YYYY-MM-DD; each expected row is matched as a subset of its row
 * (list only the columns the spec is about), and the row count must match.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { expect } from 'vitest';
import type { DomainEvent } from '../../domain/decider.js';
import type { RecordedEvent } from '../../domain/events/index.js';
import { applyBatch } from '../../projections/applyBatch.js';
import { acquireLease } from '../../projections/checkpoints.js';
import type { Projection } from '../../projections/projection.js';
import { physicalTableName, withTenant, type ReadModelTable } from '../../read-models/index.js';

/** Events of a spec; a function receives the run's tenant id (for payloads that name it). */
export type SpecEvents = readonly DomainEvent[] | ((tenantId: string) => readonly DomainEvent[]);

const RECORDED_AT = '2026-01-01T00:00:00.000Z';

function recorded(tenantId: string, tenantSeq: number, event: DomainEvent): RecordedEvent {
  return {
    tenantId,
    tenantSeq,
    streamId: `spec-${tenantId}`,
    streamVersion: tenantSeq - 1,
    eventId: randomUUID(),
    eventType: event.type,
    storedSchemaVersion: 1,
    payload: event.data,
    metadata: { actor: { kind: 'system', id: 'projection-spec' }, commandId: 'spec', correlationId: 'spec', causationId: null },
    recordedAt: RECORDED_AT,
    hashes: { payloadHash: '', prevHash: '', entryHash: '', chainHash: '' },
    position: { txId: '1', globalPos: tenantSeq },
  };
}

/** A row without tenant_id; timestamps as ISO instants, dates (the column's type says which) as YYYY-MM-DD. */
function plain(table: ReadModelTable, row: Record<string, unknown>): Record<string, unknown> {
  const { tenant_id: _tenant, ...rest } = row;
  // pg reads a date as local midnight: format it with local fields, whatever the time zone.
  const day = (v: Date) => `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  const text = (column: string, v: Date) => (table.columns[column] === 'date' ? day(v) : v.toISOString());
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v instanceof Date ? text(k, v) : v]));
}

export interface ProjectionSpecOptions {
  /**
   * A fixed tenant for projectors whose tables accept only one (the platform's machine tokens
   * and market series): each run then first clears that tenant's rows of the projection's
   * tables and its checkpoint. Without it each run takes a fresh tenant.
   */
  readonly tenantId?: string;
}

export function projectionSpec(projection: Projection, pool: pg.Pool, options: ProjectionSpecOptions = {}) {
  const consumer = `spec-${projection.name}`;
  const tenantFor = async (): Promise<string> => {
    if (options.tenantId === undefined) return randomUUID();
    const tenantId = options.tenantId;
    await withTenant(pool, tenantId, async (client) => {
      for (const table of projection.tables) await client.query(`DELETE FROM ${physicalTableName('read_models', table, projection.version)} WHERE tenant_id = $1`, [tenantId]);
    });
    await pool.query('DELETE FROM consumer_checkpoints WHERE consumer = $1 AND tenant_id = $2', [consumer, tenantId]);
    return tenantId;
  };
  const target = { projection, schema: 'read_models', version: projection.version, consumer };
  return (given: SpecEvents = []) => ({
    when(events: SpecEvents) {
      const run = async (): Promise<string> => {
        const tenantId = await tenantFor();
        const list = (e: SpecEvents) => (typeof e === 'function' ? e(tenantId) : e);
        const all = [...list(given), ...list(events)].map((e, i) => recorded(tenantId, i + 1, e));
        const split = list(given).length;
        await acquireLease(pool, { consumer, tenantId, version: projection.version }, 'projection-spec', 60_000);
        const after = await applyBatch(pool, target, tenantId, 'projection-spec', 0, all.slice(0, split), 60_000);
        await applyBatch(pool, target, tenantId, 'projection-spec', after, all.slice(split), 60_000);
        return tenantId;
      };
      const rowsOf = async (tenantId: string, table: ReadModelTable) =>
        await withTenant(pool, tenantId, async (client) => {
          const order = table.key.map((k) => `"${k}"`).join(', ');
          const { rows } = await client.query(`SELECT * FROM ${physicalTableName('read_models', table, projection.version)} WHERE tenant_id = $1 ORDER BY ${order}`, [tenantId]);
          return rows.map((row) => plain(table, row));
        });
      return {
        /** The table holds exactly these rows (each matched as a subset), in key order. */
        async then(table: ReadModelTable, expected: readonly Record<string, unknown>[]): Promise<void> {
          const rows = await rowsOf(await run(), table);
          expect(rows).toHaveLength(expected.length);
          expect(rows).toMatchObject(expected);
        },
        /** Each table holds these rows; one run for all of them. */
        async thenTables(expected: ReadonlyArray<readonly [ReadModelTable, readonly Record<string, unknown>[]]>): Promise<void> {
          const tenantId = await run();
          for (const [table, rows] of expected) {
            const actual = await rowsOf(tenantId, table);
            expect(actual, table.name).toHaveLength(rows.length);
            expect(actual, table.name).toMatchObject(rows);
          }
        },
        /** Applying the events fails with this error (and, being one transaction, writes nothing). */
        async thenThrows(pattern: RegExp): Promise<void> {
          await expect(run()).rejects.toThrow(pattern);
        },
      };
    },
  });
}
