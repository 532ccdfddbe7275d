/**
 * A source-neutral view of a sheet: rows of typed cells. XLSX cells keep the type Excel
 * gave them (number, date, text...); CSV cells are all text.
 */

/** One cell's content as read, before any interpretation by column. */
export type Cell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'date'; readonly date: Date }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'formula-without-value'; readonly formula: string }
  /** `error` is Excel's code (#DIV/0!...), null when the reader only knows a formula failed. */
  | { readonly kind: 'error'; readonly error: string | null };

export const EMPTY_CELL: Cell = { kind: 'empty' };

/** A non-empty row: its spreadsheet number (1-based) and its cells by 0-based column. */
export interface SheetRow {
  readonly number: number;
  readonly cells: readonly Cell[];
}

/** A merged range, 1-based rows and 0-based columns, inclusive. */
export interface MergedRange {
  readonly ref: string;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstColumn: number;
  readonly lastColumn: number;
}

/** A sheet's non-empty rows in order, and its merged ranges (XLSX only; problems in them say so). */
export interface SheetTable {
  readonly name: string;
  readonly rows: readonly SheetRow[];
  readonly merges?: readonly MergedRange[];
}

/** The merged range that covers a cell without starting at it (where Excel keeps no value). */
export function mergeHiding(table: Pick<SheetTable, 'merges'>, row: number, column: number): MergedRange | undefined {
  return table.merges?.find((m) => row >= m.firstRow && row <= m.lastRow && column >= m.firstColumn && column <= m.lastColumn && (row !== m.firstRow || column !== m.firstColumn));
}

/** The cell at a 0-based column, empty when the row is shorter. */
export function cellAt(row: SheetRow, column: number): Cell {
  return row.cells[column] ?? EMPTY_CELL;
}

/** True when a cell holds nothing (or only white space). */
export function isBlank(cell: Cell): boolean {
  return cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}
