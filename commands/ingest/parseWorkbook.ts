/**
 * Parses an uploaded workbook (XLSX or CSV, docs/workbook-format.md) into funds, or into
 * the complete list of problems. Never both and never part: a workbook with any problem
 * gives no funds at all.
 */
import { stat, readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type ParsedFund, assembleFunds } from './assemble.js';
import { fastCsvFunds } from './fastCsv.js';
import { decodeCsvText, parseCsvText } from './readCsv.js';
import { looksLikeZip, readXlsxTables } from './readXlsx.js';
import { DATA_SHEET, DEFAULT_MAX_WORKBOOK_BYTES, FUNDS_SHEET } from './layout.js';
import { type Problem, ProblemList, fileProblem } from './problems.js';
import { type WorkbookRecords, readCsvRecords, readXlsxRecords } from './sheets.js';

/** The outcome of parsing: every fund, or every problem. */
export type ParseResult = { readonly ok: true; readonly funds: readonly ParsedFund[] } | { readonly ok: false; readonly problems: readonly Problem[] };

export interface ParseOptions {
  /** Largest accepted file in bytes, checked before parsing (default 20 MiB). */
  readonly maxBytes?: number;
  /** Problems listed before the rest are only counted (default 1000). */
  readonly maxProblems?: number;
  /**
   * False forces the reference reader for CSV (tests compare it with the fast path, which
   * otherwise reads every well-formed CSV file and leaves the others to the reference reader).
   */
  readonly fastPath?: boolean;
  /** Told the wall time of each parsing phase (benchmarks and traces). */
  readonly onPhase?: PhaseListener;
}

/**
 * Parsing phases: `fast` (the CSV fast path, whole), then, where it declined or for XLSX,
 * `tokenize` (bytes to cells), `records` (cells to checked rows), `assemble` (checks across rows).
 */
export type ParsePhase = 'fast' | 'tokenize' | 'records' | 'assemble';
/** Receives a phase's name and its wall time in milliseconds. */
export type PhaseListener = (phase: string, ms: number) => void;

const rejected = (problems: readonly Problem[]): ParseResult => ({ ok: false, problems });

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The size check, shared by the byte and the file entry points. */
export function sizeProblem(bytes: number, maxBytes: number): Problem | null {
  if (bytes <= maxBytes) return null;
  return fileProblem('file_too_large', `the file is ${size(bytes)}, over the ${size(maxBytes)} limit: split the funds over several files`);
}

/** The signature of an OLE2 compound file: an old .xls workbook, or an encrypted .xlsx. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isCompoundFile(bytes: Uint8Array): boolean {
  return COMPOUND_FILE.every((byte, i) => bytes[i] === byte);
}

const OLD_EXCEL = 'old Excel files (.xls) are not accepted: save the workbook as "Excel Workbook (.xlsx)" and upload again';

function formatOf(fileName: string, bytes: Uint8Array): 'xlsx' | 'csv' | Problem {
  const extension = extname(fileName).toLowerCase();
  if (isCompoundFile(bytes)) {
    if (extension === '.xls') return fileProblem('file_type_unsupported', OLD_EXCEL);
    return fileProblem(
      'file_type_unsupported',
      'the file is an old Excel workbook (.xls) or a password-protected one, whatever its name says: save it from Excel as "Excel Workbook (.xlsx)" without a password and upload again',
    );
  }
  if (extension === '.xlsx' || extension === '.xlsm') return 'xlsx';
  if (extension === '.csv') {
    if (looksLikeZip(bytes)) return fileProblem('file_unreadable', 'the file is an Excel workbook with a .csv name: rename it to .xlsx, or save it from Excel as "CSV UTF-8"');
    return 'csv';
  }
  if (extension === '.xls') return fileProblem('file_type_unsupported', OLD_EXCEL);
  return fileProblem('file_type_unsupported', `files of type "${extension || 'none'}" are not accepted: upload an Excel workbook (.xlsx) or a CSV file (.csv)`);
}

async function readRecords(bytes: Uint8Array, fileName: string, format: 'xlsx' | 'csv', problems: ProblemList, lap: (phase: ParsePhase) => void): Promise<WorkbookRecords | null> {
  if (format === 'csv') {
    const decoded = decodeCsvText(bytes);
    const csv = decoded.ok ? parseCsvText(decoded.text, basename(fileName)) : decoded;
    lap('tokenize');
    if (!csv.ok) {
      problems.add(csv.problem);
      return null;
    }
    return readCsvRecords(csv.table, problems);
  }
  const xlsx = await readXlsxTables(bytes, [FUNDS_SHEET, DATA_SHEET]);
  lap('tokenize');
  if (!xlsx.ok) {
    problems.add(xlsx.problem);
    return null;
  }
  const funds = xlsx.tables.sheets.get(FUNDS_SHEET);
  const data = xlsx.tables.sheets.get(DATA_SHEET);
  for (const [name, table] of [
    [FUNDS_SHEET, funds],
    [DATA_SHEET, data],
  ] as const) {
    if (table === undefined) {
      problems.add({
        code: 'sheet_missing',
        sheet: name,
        row: null,
        column: null,
        field: null,
        message: `the workbook has no sheet named ${name}: start from the template (navcast template) and keep its sheet names`,
      });
    }
  }
  if (funds === undefined || data === undefined) return null;
  return readXlsxRecords(funds, data, xlsx.tables.date1904, problems);
}

/** The CSV fast path's funds, or null where the reference path must read (and explain) the file. */
function fastCsv(bytes: Uint8Array, sheet: string): readonly ParsedFund[] | null {
  const decoded = decodeCsvText(bytes);
  return decoded.ok ? fastCsvFunds(decoded.text, sheet) : null;
}

/** Parses workbook bytes; `fileName` picks the format by its extension (.xlsx or .csv). */
export async function parseWorkbook(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<ParseResult> {
  const tooLarge = sizeProblem(bytes.byteLength, options.maxBytes ?? DEFAULT_MAX_WORKBOOK_BYTES);
  if (tooLarge !== null) return rejected([tooLarge]);
  const format = formatOf(fileName, bytes);
  if (typeof format !== 'string') return rejected([format]);
  let mark = performance.now();
  const lap = (phase: ParsePhase) => {
    const now = performance.now();
    options.onPhase?.(phase, now - mark);
    mark = now;
  };
  if (format === 'csv' && options.fastPath !== false) {
    const fast = fastCsv(bytes, basename(fileName));
    lap('fast');
    if (fast !== null) return { ok: true, funds: fast };
  }
  const problems = new ProblemList(options.maxProblems ?? 1000);
  const records = await readRecords(bytes, fileName, format, problems, lap);
  lap('records');
  const funds = records === null ? [] : assembleFunds(records, problems);
  lap('assemble');
  const sheetOrder = format === 'csv' ? [basename(fileName)] : [FUNDS_SHEET, DATA_SHEET];
  if (!problems.isEmpty) return rejected(problems.finish(sheetOrder));
  return { ok: true, funds };
}

/** Parses a workbook file; its size is checked (by stat) before a byte is read. */
export async function parseWorkbookFile(path: string, options: ParseOptions = {}): Promise<ParseResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_WORKBOOK_BYTES;
  const tooLarge = sizeProblem((await stat(path)).size, maxBytes);
  if (tooLarge !== null) return rejected([tooLarge]);
  return parseWorkbook(await readFile(path), basename(path), options);
}
