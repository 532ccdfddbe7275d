import type { ReadModelTable } from '../read-models/index.js';
import type { RowChange } from './projection.js';

/** The net change to one row after a batch: a full row, or a set of columns to change. */
export type NetChange =
  | { readonly kind: 'upsert'; readonly row: Record<string, unknown>; readonly seq: number }
  | { readonly kind: 'patch'; readonly key: Record<string, unknown>; readonly set: Record<string, unknown>; readonly seq: number };

/** Net changes of a batch, per table, at most one per row key. */
export type NetChanges = Map<ReadModelTable, Map<string, NetChange>>;

function keyOf(table: ReadModelTable, values: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(table.key.map((column) => values[column]));
}

/**
 * Folds a batch's row changes (in log order, each with its event's tenant_seq) into one net
 * change per row, so the writer needs one statement per table and kind, not one per event.
 * A patch after an upsert merges into it; a later upsert replaces whatever came before.
 */
export function coalesce(changes: Iterable<{ readonly change: RowChange; readonly seq: number }>): NetChanges {
  const net: NetChanges = new Map();
  for (const { change, seq } of changes) {
    let rows = net.get(change.table);
    if (rows === undefined) net.set(change.table, (rows = new Map()));
    const values = change.kind === 'upsert' ? change.row : change.key;
    const key = keyOf(change.table, values);
    const before = rows.get(key);
    if (change.kind === 'upsert') {
      rows.set(key, { kind: 'upsert', row: { ...change.row }, seq });
    } else if (before?.kind === 'upsert') {
      rows.set(key, { kind: 'upsert', row: { ...before.row, ...change.set }, seq });
    } else {
      rows.set(key, { kind: 'patch', key: { ...change.key }, set: { ...before?.set, ...change.set }, seq });
    }
  }
  return net;
}
