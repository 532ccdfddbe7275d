/**
 * Reading amounts, text, years, yes/no flags and choices from cells. Each reader either
 * gives a value or says, in a finance user's words, what to change.
 */
import { MAX_AMOUNT } from '../../domain/funds/index.js';
import { canonicalNumber } from '../../domain/identity/index.js';
import type { Cell } from './cells.js';
import { type Read, ok, refuse, unusableCell } from './dates.js';

const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HOW_TO_WRITE = 'write amounts as plain numbers with a dot for decimals, without thousands separators or currency symbols (e.g. 1250000.50)';

function checkAmount(value: number): Read<number> {
  if (value < 0) {
    return refuse('amount_negative', `${canonicalNumber(value)} is negative: enter amounts as positive numbers (the type column says whether money was called or distributed)`);
  }
  if (value >= MAX_AMOUNT) {
    // Text such as 1e999 reads as Infinity, which has no digits to show.
    const shown = Number.isFinite(value) ? canonicalNumber(value) : 'the number';
    return refuse('amount_too_large', `${shown} is too large to be an amount (limit ${canonicalNumber(MAX_AMOUNT)})`);
  }
  return ok(value === 0 ? 0 : value);
}

/** Reads a money amount (>= 0). Required: an empty cell is a problem. */
export function readAmount(cell: Cell): Read<number> {
  switch (cell.kind) {
    case 'number':
      return checkAmount(cell.value);
    case 'text': {
      const text = cell.text.trim();
      if (numberPattern.test(text)) return checkAmount(Number(text));
      if (text === '') return refuse('value_missing', 'an amount is required here');
      return refuse('amount_not_numeric', `"${text}" is not a number: ${HOW_TO_WRITE}`);
    }
    case 'date':
      return refuse('value_wrong_type', `the cell holds a date, not an amount: ${HOW_TO_WRITE}`);
    case 'boolean':
      return refuse('value_wrong_type', `${cell.value ? 'TRUE' : 'FALSE'} is not an amount: ${HOW_TO_WRITE}`);
    default:
      return unusableCell(cell) ?? refuse('value_missing', 'an amount is required here');
  }
}

/** Reads text, NFC-normalised and trimmed; empty gives null. Numbers are taken as their digits. */
export function readText(cell: Cell): Read<string | null> {
  switch (cell.kind) {
    case 'text': {
      const text = cell.text.normalize('NFC').trim();
      return ok(text === '' ? null : text);
    }
    case 'number':
      return ok(canonicalNumber(cell.value));
    case 'empty':
      return ok(null);
    case 'date':
      return refuse('value_wrong_type', 'the cell holds a date where text is expected');
    case 'boolean':
      return refuse('value_wrong_type', `${cell.value ? 'TRUE' : 'FALSE'} is a yes/no value where text is expected`);
    default:
      return unusableCell(cell) ?? refuse('value_wrong_type', 'unreadable cell');
  }
}

/** Reads a whole number such as a vintage year. */
export function readWholeNumber(cell: Cell, what: string): Read<number> {
  if (cell.kind === 'number') {
    return Number.isInteger(cell.value) ? ok(cell.value) : refuse('value_wrong_type', `${canonicalNumber(cell.value)} is not a whole number: enter the ${what} as a whole number`);
  }
  if (cell.kind === 'text' && /^\s*\d+\s*$/.test(cell.text)) return ok(Number(cell.text));
  if (cell.kind === 'date') return refuse('value_wrong_type', `the cell holds a date: enter the ${what} as a plain number (format the cell as Number)`);
  if (cell.kind === 'text' && cell.text.trim() !== '') return refuse('value_wrong_type', `"${cell.text.trim()}" is not a whole number: enter the ${what} as a number`);
  return unusableCell(cell) ?? refuse('value_missing', `the ${what} is required here`);
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** Reads a yes/no flag; an empty cell is "no". */
export function readYesNo(cell: Cell): Read<boolean> {
  if (cell.kind === 'empty') return ok(false);
  if (cell.kind === 'boolean') return ok(cell.value);
  const text = cell.kind === 'text' ? cell.text.trim().toLowerCase() : cell.kind === 'number' ? String(cell.value) : null;
  if (text === '') return ok(false);
  if (text !== null && YES.has(text)) return ok(true);
  if (text !== null && NO.has(text)) return ok(false);
  return unusableCell(cell) ?? refuse('value_not_allowed', `${text === null ? 'the cell' : `"${text}"`} is not yes or no: write yes, no, or leave it empty`);
}

/** Lower-cases a choice and turns spaces and hyphens into underscores ("Real Estate" -> real_estate). */
export function choiceKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
