/**
 * Finds the columns of a sheet from its header row (its first non-empty row): names are
 * trimmed and compared case-insensitively ("Published Date" matches published_date);
 * column order is free.
 */
import { type SheetRow, type SheetTable, cellAt } from './cells.js';
import { NOTES_COLUMN } from './layout.js';
import { type Problem, type ProblemSink, columnLetter } from './problems.js';

/** Where each known column of a sheet is (0-based index), and the rows under the header. */
export interface SheetColumns<F extends string> {
  readonly sheet: string;
  readonly index: ReadonlyMap<F, number>;
  readonly rows: readonly SheetRow[];
  readonly merges?: SheetTable['merges'];
}

/** The header form of a column name: lower case, spaces and hyphens as underscores. */
export function headerKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Maps the header of `table` onto `expected`. Problems: no header, a required column
 * missing, an unknown column (a likely typo), a column named twice.
 */
export function mapColumns<F extends string>(table: SheetTable, expected: readonly F[], optional: ReadonlySet<string>, problems: ProblemSink): SheetColumns<F> | null {
  const [header, ...rows] = table.rows;
  const at = (row: number | null, column: string | null, field: string | null, code: Problem['code'], message: string) => problems.add({ code, sheet: table.name, row, column, field, message });
  if (header === undefined) {
    at(null, null, null, 'header_missing', `the sheet is empty: its first row must name the columns ${expected.join(', ')}`);
    return null;
  }
  const known = new Set<string>(expected);
  const index = new Map<F, number>();
  header.cells.forEach((cell, column) => {
    if (cell.kind === 'empty') return;
    const raw = cell.kind === 'text' ? cell.text : '';
    const key = headerKey(raw);
    const letter = columnLetter(column);
    if (key === NOTES_COLUMN || (key === '' && cell.kind === 'text')) return;
    if (!known.has(key)) {
      const shown = cell.kind === 'text' ? `"${raw.trim()}"` : 'this header cell';
      at(header.number, letter, null, 'column_unknown', `${shown} is not a column of this sheet (columns: ${expected.join(', ')}); correct the name, or call it notes to keep your own notes there`);
      return;
    }
    if (index.has(key as F)) {
      at(header.number, letter, key, 'column_duplicate', `the column ${key} appears twice (also in column ${columnLetter(index.get(key as F)!)}); keep one`);
      return;
    }
    index.set(key as F, column);
  });
  let complete = true;
  for (const field of expected) {
    if (!index.has(field) && !optional.has(field)) {
      complete = false;
      at(header.number, null, field, 'column_missing', `the column ${field} is missing: add it to the header row`);
    }
  }
  return complete ? { sheet: table.name, index, rows, merges: table.merges } : null;
}

/** The 0-based index of a column, or -1 when the sheet does not have it. */
export function columnOf<F extends string>(columns: SheetColumns<F>, field: F): number {
  return columns.index.get(field) ?? -1;
}

/** The cell of `field` in `row`, empty when the sheet lacks the column. */
export function fieldCell<F extends string>(columns: SheetColumns<F>, row: SheetRow, field: F) {
  const column = columnOf(columns, field);
  return column === -1 ? { kind: 'empty' as const } : cellAt(row, column);
}
