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

/** A sheet's non-empty rows in order. */
export interface SheetTable {
  readonly name: string;
  readonly rows: readonly SheetRow[];
}

/** The cell at a 0-based column, empty when the row is shorter. */
export function cellAt(row: SheetRow, column: number): Cell {
  return row.cells[column] ?? EMPTY_CELL;
}

/** True when a cell holds nothing (or only white space). */
export function isBlank(cell: Cell): boolean {
  return cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}

/**
 * Converts a cell value as exceljs reports it. Formulas count as their cached result; a
 * formula without one (never calculated, or saved by a program that does not calculate)
 * and Excel error values are kept as such so that the column's reader can report them.
 */
export function cellFromExcel(value: unknown): Cell {
  if (value === null || value === undefined) return EMPTY_CELL;
  switch (typeof value) {
    case 'string':
      return { kind: 'text', text: value };
    case 'number':
      return Number.isNaN(value) ? { kind: 'error', error: null } : { kind: 'number', value };
    case 'boolean':
      return { kind: 'boolean', value };
    default:
      break;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', error: null } : { kind: 'date', date: value };
  const record = value as Record<string, unknown>;
  // exceljs's streaming reader drops an error result (t="e") entirely, so a formula
  // without a result may also be one whose result is an Excel error; the message says both.
  if ('formula' in record || 'sharedFormula' in record) {
    if (record.result === undefined || record.result === null) {
      return { kind: 'formula-without-value', formula: String(record.formula ?? record.sharedFormula ?? '') };
    }
    // exceljs's streaming reader turns an error result (t="e") into NaN, losing its code.
    if (typeof record.result === 'number' && Number.isNaN(record.result)) return { kind: 'error', error: null };
    return cellFromExcel(record.result);
  }
  if ('error' in record) return { kind: 'error', error: String(record.error) };
  if (Array.isArray(record.richText)) {
    return { kind: 'text', text: (record.richText as { text?: unknown }[]).map((run) => String(run.text ?? '')).join('') };
  }
  if ('text' in record) return cellFromExcel(record.text);
  return { kind: 'error', error: 'unrecognised cell content' };
}
