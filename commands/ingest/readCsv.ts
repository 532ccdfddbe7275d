/**
 * Reads a CSV file (RFC 4180: comma separated, fields with commas, quotes or line breaks in
 * double quotes, a quote inside written twice) into one table of text cells. Rows are
 * numbered by record, header = 1, as a spreadsheet shows the file. Must be UTF-8.
 */
import { type Cell, EMPTY_CELL, type SheetRow, type SheetTable } from './cells.js';
import { type Problem, fileProblem } from './problems.js';

export type CsvOrProblem = { readonly ok: true; readonly table: SheetTable } | { readonly ok: false; readonly problem: Problem };

const SAVE_AS = 'save it from Excel as "CSV UTF-8 (comma delimited)" and upload again';

function decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Parses CSV text into rows of text cells, or the first structural problem found. */
export function parseCsvText(text: string, sheet: string): CsvOrProblem {
  const rows: SheetRow[] = [];
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  let record = 1;
  let filled = false;
  let i = 0;
  const endField = () => {
    cells.push(field === '' ? EMPTY_CELL : { kind: 'text', text: field });
    if (field.trim() !== '') filled = true;
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    endField();
    if (filled) rows.push({ number: record, cells });
    cells = [];
    filled = false;
    record++;
  };
  const refuse = (detail: string): CsvOrProblem => ({
    ok: false,
    problem: { code: 'file_unreadable', sheet, row: record, column: null, field: null, message: `${detail}; ${SAVE_AS}` },
  });
  while (i < text.length) {
    const char = text[i];
    if (char === ',') {
      endField();
      i++;
    } else if (char === '\n' || char === '\r') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else if (quoted) {
      return refuse('there are characters after a closing quote; a quote inside a quoted field must be written twice ("")');
    } else if (char === '"' && field === '') {
      // A quoted field runs to the next quote that is not doubled.
      const start = i;
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) return refuse(`a field opened with a quote on this row is never closed (it starts: ${text.slice(start, start + 20)})`);
        field += text.slice(i, close);
        i = close + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
      quoted = true;
    } else {
      const stop = nextSpecial(text, i);
      field += text.slice(i, stop);
      i = stop;
    }
  }
  if (field !== '' || quoted || cells.length > 0) endRecord();
  return { ok: true, table: { name: sheet, rows } };
}

function nextSpecial(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 44 || c === 10 || c === 13) return j;
  }
  return text.length;
}

/** The text of a CSV file: UTF-8 without NUL characters, a leading byte-order mark dropped. */
export function decodeCsvText(bytes: Uint8Array): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: Problem } {
  if (bytes.includes(0)) return { ok: false, problem: fileProblem('file_unreadable', `the file is not a text CSV file; ${SAVE_AS}`) };
  const text = decode(bytes);
  if (text === null) return { ok: false, problem: fileProblem('file_unreadable', `the file is not UTF-8 text; ${SAVE_AS}`) };
  // TextDecoder has already dropped a leading byte-order mark (ignoreBOM: false).
  return { ok: true, text };
}

/** Decodes and parses a CSV file; the table is named after the file. */
export function readCsvTable(bytes: Uint8Array, fileName: string): CsvOrProblem {
  const decoded = decodeCsvText(bytes);
  return decoded.ok ? parseCsvText(decoded.text, fileName) : decoded;
}
