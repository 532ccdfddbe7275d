/**
 * Reads the Funds and Data sheets of an XLSX workbook with exceljs's streaming reader
 * (lower memory and faster than loading the whole workbook model). Other sheets are
 * skipped unread. Any failure to read the container is one file_unreadable problem.
 */
import { Readable } from 'node:stream';
import { type Cell, type SheetRow, type SheetTable, cellFromExcel } from './cells.js';
import { type Problem, fileProblem } from './problems.js';

/** The sheets a workbook reader found, by the layout name they matched. */
export interface WorkbookTables {
  readonly sheets: ReadonlyMap<string, SheetTable>;
  /** True for the 1904 date system (serial 0 = 1904-01-01). */
  readonly date1904: boolean;
}

export type TablesOrProblem = { readonly ok: true; readonly tables: WorkbookTables } | { readonly ok: false; readonly problem: Problem };

/**
 * exceljs, loaded on first use: it takes about a second of CPU and tens of MB to load, which
 * CSV uploads and processes that never read a workbook should not pay.
 */
export async function loadExcelJs(): Promise<typeof import('exceljs')> {
  return (await import('exceljs')).default as unknown as typeof import('exceljs');
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** True when the bytes start like a ZIP archive (the XLSX container). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
}

interface ExcelRow {
  readonly number: number;
  eachCell(callback: (cell: { value: unknown }, column: number) => void): void;
}

async function readRows(sheet: AsyncIterable<ExcelRow>): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of sheet) {
    const cells: Cell[] = [];
    let filled = false;
    row.eachCell((cell, column) => {
      const value = cellFromExcel(cell.value);
      cells[column - 1] = value;
      if (value.kind !== 'empty') filled = true;
    });
    if (filled) rows.push({ number: row.number, cells });
  }
  return rows;
}

const UNREADABLE =
  'the file could not be read as an Excel workbook (.xlsx); save it from Excel as "Excel Workbook (.xlsx)" or as "CSV UTF-8" and upload again';

/**
 * Reads the sheets whose names match `wanted` (trimmed, case-insensitive) and returns them
 * under the wanted spelling, each with its rows as found.
 */
export async function readXlsxTables(bytes: Uint8Array, wanted: readonly string[]): Promise<TablesOrProblem> {
  if (!looksLikeZip(bytes)) return { ok: false, problem: fileProblem('file_unreadable', UNREADABLE) };
  const byKey = new Map(wanted.map((name) => [name.toLowerCase(), name]));
  const sheets = new Map<string, SheetTable>();
  let date1904 = false;
  try {
    const ExcelJS = await loadExcelJs();
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as AsyncIterable<ExcelRow> & { name?: string };
      const properties = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
      date1904 = properties?.model?.date1904 === true;
      const name = byKey.get((sheet.name ?? '').trim().toLowerCase());
      if (name === undefined || sheets.has(name)) continue;
      sheets.set(name, { name, rows: await readRows(sheet) });
    }
  } catch {
    // The library's own message (a zip or XML detail) would not help a finance user.
    return { ok: false, problem: fileProblem('file_unreadable', UNREADABLE) };
  }
  return { ok: true, tables: { sheets, date1904 } };
}
