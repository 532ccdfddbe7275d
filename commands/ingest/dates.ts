/**
 * Reading dates from cells: Excel date cells, Excel serial numbers (1900 and 1904 date
 * systems) and text written YYYY-MM-DD. Day/month orders are refused rather than guessed.
 */
import { EARLIEST_DATE, LATEST_DATE, isIsoCalendarDate } from '../../domain/funds/index.js';
import type { Cell } from './cells.js';
import type { ProblemCode } from './problems.js';

/** A read value, or why the cell cannot give one. */
export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: ProblemCode; readonly message: string };

export const ok = <T>(value: T): Read<T> => ({ ok: true, value });
export const refuse = (code: ProblemCode, message: string): Read<never> => ({ ok: false, code, message });

const DAY_MS = 86_400_000;
/** Day 0 of Excel's 1900 date system for serials >= 61 (Excel counts a 29 Feb 1900 that never was). */
const EXCEL_1900_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Day 0 of Excel's 1904 date system (old Mac workbooks). */
const EXCEL_1904_EPOCH_MS = Date.UTC(1904, 0, 1);

const HOW_TO_WRITE = 'write dates as YYYY-MM-DD (e.g. 2024-03-31) or use Excel date cells';

/** Problems shared by every column reader: Excel errors and formulas that were never calculated. */
export function unusableCell(cell: Cell): Read<never> | null {
  if (cell.kind === 'error') {
    const shown = cell.error === null ? 'an Excel error' : `the Excel error ${cell.error}`;
    return refuse('excel_error', `the cell shows ${shown}: correct it or type the value in directly`);
  }
  if (cell.kind === 'formula-without-value') {
    return refuse(
      'formula_without_value',
      `the formula =${cell.formula} has no saved result (the program that saved the file never calculated it): open the file in Excel, let it recalculate, save it and upload again (or paste values instead of formulas)`,
    );
  }
  return null;
}

function inRange(iso: string): Read<string> {
  if (iso < EARLIEST_DATE || iso > LATEST_DATE) {
    return refuse('date_invalid', `${iso} is outside the accepted range ${EARLIEST_DATE} to ${LATEST_DATE}`);
  }
  return ok(iso);
}

/**
 * Results by instant: a workbook repeats the same few thousand dates on 100 000 rows, and
 * reading one is pure, so each is worked out once (bounded so hostile input cannot grow it).
 */
const byInstant = new Map<number, Read<string>>();
const byText = new Map<string, Read<string>>();
const CACHE_LIMIT = 50_000;

function remember<K>(cache: Map<K, Read<string>>, key: K, compute: () => Read<string>): Read<string> {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const result = compute();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

function fromUtcMs(ms: number): Read<string> {
  return remember(byInstant, ms, () => dateOfInstant(ms));
}

function dateOfInstant(ms: number): Read<string> {
  if (!Number.isFinite(ms) || Math.abs(ms) > 1e15) return refuse('date_invalid', 'the value is not a date in a usable range');
  const remainder = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
  if (remainder !== 0) {
    const time = new Date(ms).toISOString().slice(11, 16);
    return refuse('date_invalid', `the date has a time of day (${time}); enter whole days only`);
  }
  return inRange(new Date(ms).toISOString().slice(0, 10));
}

/** The calendar date of an Excel serial number in the workbook's date system. */
export function dateFromSerial(serial: number, date1904: boolean): Read<string> {
  if (!date1904 && serial < 61) return refuse('date_invalid', `${serial} is not a date in the accepted range ${EARLIEST_DATE} to ${LATEST_DATE}`);
  return fromUtcMs((date1904 ? EXCEL_1904_EPOCH_MS : EXCEL_1900_EPOCH_MS) + serial * DAY_MS);
}

const ambiguousPattern = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/;
const serialPattern = /^\d{5}$/;

/** Reads a date as `YYYY-MM-DD`. Text serials (5 digits) are accepted as Excel serials (1900 system). */
export function readDate(cell: Cell, date1904: boolean): Read<string> {
  switch (cell.kind) {
    case 'date':
      return fromUtcMs(cell.date.getTime());
    case 'number':
      return dateFromSerial(cell.value, date1904);
    case 'boolean':
      return refuse('value_wrong_type', `${cell.value ? 'TRUE' : 'FALSE'} is not a date: ${HOW_TO_WRITE}`);
    case 'text':
      return remember(byText, cell.text, () => dateOfText(cell.text.trim()));
    default:
      return unusableCell(cell) ?? refuse('value_missing', 'a date is required here');
  }
}

function dateOfText(text: string): Read<string> {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return isIsoCalendarDate(text) ? inRange(text) : refuse('date_invalid', `"${text}" is not a real calendar date`);
  }
  if (serialPattern.test(text)) return dateFromSerial(Number(text), false);
  if (ambiguousPattern.test(text)) {
    return refuse('date_ambiguous', `"${text}" could be read as day/month or as month/day: ${HOW_TO_WRITE}`);
  }
  return refuse('date_invalid', `"${text}" is not a date: ${HOW_TO_WRITE}`);
}

/** Reads an optional date: an empty cell gives null. */
export function readOptionalDate(cell: Cell, date1904: boolean): Read<string | null> {
  if (cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '')) return ok(null);
  return readDate(cell, date1904);
}
