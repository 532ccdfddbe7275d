import type pg from 'pg';
import { physicalTableName, type ReadModelTable } from '../read-models/index.js';
import type { NetChanges } from './coalesce.js';

const identifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function recordsetColumns(table: ReadModelTable, columns: readonly string[]): string {
  return columns.map((c) => `${identifier(c)} ${table.columns[c]}`).join(', ');
}

/**
 * Inserts or replaces full rows in one statement. A row is only replaced by a change from a
 * later event (`last_seq` guard), which makes applying the same events twice a no-op.
 */
async function writeUpserts(client: pg.ClientBase, target: string, table: ReadModelTable, rows: Record<string, unknown>[]): Promise<void> {
  const columns = Object.keys(table.columns);
  const list = columns.map(identifier).join(', ');
  const updates = columns.filter((c) => !table.key.includes(c)).map((c) => `${identifier(c)} = EXCLUDED.${identifier(c)}`);
  await client.query(
    `INSERT INTO ${target} AS t (${list})
     SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS r(${recordsetColumns(table, columns)})
     ON CONFLICT (${table.key.map(identifier).join(', ')}) DO UPDATE SET ${updates.join(', ')}
     WHERE t.last_seq < EXCLUDED.last_seq`,
    [JSON.stringify(rows)],
  );
}

/**
 * Changes some columns of existing rows in one statement; which columns each row changes
 * travels in a jsonb `patch` object. Same `last_seq` guard as upserts.
 */
async function writePatches(client: pg.ClientBase, target: string, table: ReadModelTable, patches: Record<string, unknown>[]): Promise<void> {
  const settable = Object.keys(table.columns).filter((c) => !table.key.includes(c) && c !== 'last_seq');
  const assignments = settable.map((c) => `${identifier(c)} = CASE WHEN p.patch ? '${c}' THEN (p.patch->>'${c}')::${table.columns[c]} ELSE t.${identifier(c)} END`);
  const keyMatch = table.key.map((c) => `t.${identifier(c)} = p.${identifier(c)}`).join(' AND ');
  await client.query(
    `UPDATE ${target} AS t SET ${assignments.join(', ')}, last_seq = p.last_seq
     FROM jsonb_to_recordset($1::jsonb) AS p(${recordsetColumns(table, table.key)}, patch jsonb, last_seq bigint)
     WHERE ${keyMatch} AND t.last_seq < p.last_seq`,
    [JSON.stringify(patches)],
  );
}

/** Writes a batch's net changes into the tables of projection `version` in `schema`. */
export async function writeNetChanges(client: pg.ClientBase, schema: string, version: number, net: NetChanges): Promise<void> {
  for (const [table, rows] of net) {
    const upserts: Record<string, unknown>[] = [];
    const patches: Record<string, unknown>[] = [];
    for (const change of rows.values()) {
      if (change.kind === 'upsert') upserts.push({ ...change.row, last_seq: change.seq });
      else patches.push({ ...change.key, patch: change.set, last_seq: change.seq });
    }
    const target = physicalTableName(schema, table, version);
    if (upserts.length > 0) await writeUpserts(client, target, table, upserts);
    if (patches.length > 0) await writePatches(client, target, table, patches);
  }
}
