/**
 * One worksheet part (sheetData and mergeCells) to rows of typed cells. Cell types as
 * SpreadsheetML gives them: shared string (t="s"), inline string, formula string (t="str"),
 * boolean, error (t="e": its code, #DIV/0! and so on), ISO date (t="d"), else a number, a
 * date where the cell's style shows one. A formula with no cached value is kept as such.
 */
import { NavcastError } from '../../../domain/errors.js';
import { type Cell, EMPTY_CELL, type MergedRange, type SheetRow } from '../cells.js';
import { type ChunkParser, local, saxParser } from './workbookParts.js';

/** Rows and cells a sheet may hold before the workbook is refused (Excel's own row limit by default). */
export interface SheetLimits {
  readonly maxRows: number;
  readonly maxCells: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = { maxRows: 1_048_576, maxCells: 6_000_000 };

export class SheetLimitError extends NavcastError {
  readonly code = 'sheet_limit';
  readonly status = 422;
}

export interface WorksheetContent {
  readonly rows: readonly SheetRow[];
  readonly merges: readonly MergedRange[];
}

/** 0-based column of a reference's letters (`B7` -> 1), or -1 when it has none. */
export function columnOfRef(ref: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
  }
  return i === 0 ? -1 : column - 1;
}

function rowOfRef(ref: string): number {
  const digits = /\d+$/.exec(ref);
  return digits === null ? -1 : Number(digits[0]);
}

function parseRange(ref: string): MergedRange | null {
  const [from, to = from] = ref.split(':');
  const firstColumn = columnOfRef(from);
  const lastColumn = columnOfRef(to);
  const firstRow = rowOfRef(from);
  const lastRow = rowOfRef(to);
  if (firstColumn < 0 || lastColumn < 0 || firstRow < 1 || lastRow < 1) return null;
  return { ref, firstRow, lastRow, firstColumn, lastColumn };
}

/** Serial day number to a Date (UTC), as Excel counts (1900 or 1904 system). */
export function dateOfSerial(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000));
}

export interface WorksheetContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
  readonly limits: SheetLimits;
}

export function worksheetParser(context: WorksheetContext): ChunkParser & { result(): WorksheetContent } {
  const rows: SheetRow[] = [];
  const merges: MergedRange[] = [];
  let cellCount = 0;
  let rowNumber = 0;
  let cells: Cell[] = [];
  let filled = false;
  let column = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let formula: string | null = null;
  let capture: 'v' | 'f' | 'is' | null = null;
  let hasValue = false;
  let inCell = false;

  const finishCell = (): Cell => {
    const text = value;
    if (!hasValue) return formula === null ? EMPTY_CELL : { kind: 'formula-without-value', formula };
    switch (type) {
      case 's': {
        const shared = context.sharedStrings[Number(text)];
        return shared === undefined ? { kind: 'error', error: `shared string ${text} is missing` } : { kind: 'text', text: shared };
      }
      case 'inlineStr':
      case 'str':
        return { kind: 'text', text };
      case 'b':
        return { kind: 'boolean', value: text === '1' || text === 'true' };
      case 'e':
        return { kind: 'error', error: text === '' ? null : text };
      case 'd': {
        const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text.endsWith('Z') ? text : `${text}Z`);
        return Number.isNaN(date.getTime()) ? { kind: 'text', text } : { kind: 'date', date };
      }
      default: {
        if (text.trim() === '') return EMPTY_CELL;
        const number = Number(text);
        if (!Number.isFinite(number)) return { kind: 'error', error: null };
        return context.dateStyles[style] === true ? { kind: 'date', date: dateOfSerial(number, context.date1904) } : { kind: 'number', value: number };
      }
    }
  };

  const parser = saxParser({
    open(tag) {
      switch (local(tag.name)) {
        case 'row': {
          const r = Number(tag.attributes.r);
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          filled = false;
          column = -1;
          if (rowNumber > context.limits.maxRows) throw new SheetLimitError(`a sheet has rows beyond row ${context.limits.maxRows}, the most a sheet may have`);
          break;
        }
        case 'c': {
          const ref = tag.attributes.r;
          column = ref === undefined ? column + 1 : columnOfRef(ref);
          if (column < 0) column = cells.length;
          type = tag.attributes.t ?? 'n';
          style = Number(tag.attributes.s ?? 0);
          value = '';
          formula = null;
          capture = null;
          hasValue = false;
          inCell = true;
          if (++cellCount > context.limits.maxCells) throw new SheetLimitError(`the workbook has more than ${context.limits.maxCells.toLocaleString('en')} cells, the most a workbook may have`);
          break;
        }
        case 'v':
          if (inCell) {
            capture = 'v';
            hasValue = true;
          }
          break;
        case 'f':
          if (inCell) {
            capture = 'f';
            formula = '';
          }
          break;
        case 'is':
          if (inCell) {
            capture = 'is';
            hasValue = true;
          }
          break;
        case 'mergeCell': {
          const range = parseRange(tag.attributes.ref ?? '');
          if (range !== null) merges.push(range);
          break;
        }
        default:
      }
    },
    text(text) {
      if (capture === 'f') formula += text;
      else if (capture === 'v' || capture === 'is') value += text;
    },
    close(tagName) {
      switch (local(tagName)) {
        case 'v':
        case 'f':
        case 'is':
          capture = null;
          break;
        case 'c': {
          const cell = finishCell();
          cells[column] = cell;
          if (cell.kind !== 'empty') filled = true;
          inCell = false;
          capture = null;
          break;
        }
        case 'row':
          if (filled) rows.push({ number: rowNumber, cells });
          break;
        default:
      }
    },
  });
  return { ...parser, result: () => ({ rows, merges }) };
}
