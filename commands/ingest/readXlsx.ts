/**
 * Reads the Funds and Data sheets of an XLSX workbook (docs/workbook-format.md). Parts are
 * found through the ZIP central directory (any entry order: openpyxl, xlsxwriter,
 * LibreOffice, exceljs and Excel each order them differently), unpacked as a stream under
 * limits (a zip bomb is refused after a few megabytes) and parsed with saxes. exceljs's
 * streaming reader, used before, dropped a worksheet that came last without shared strings
 * before it, lost the codes of error cells, and buffered a bomb whole.
 * Other sheets are skipped unread. A container that cannot be read is one file_unreadable
 * problem; a passed limit one file_too_complex problem naming the limit.
 */
import { NavcastError } from '../../domain/errors.js';
import type { SheetTable } from './cells.js';
import { type Problem, fileProblem } from './problems.js';
import { DEFAULT_UNPACK_LIMITS, inflateEntry, UnpackBudget, UnpackLimitError, type UnpackLimits } from './xlsx/inflateEntry.js';
import { type ChunkParser, relationshipsParser, sharedStringsParser, stylesParser, workbookParser } from './xlsx/workbookParts.js';
import { DEFAULT_SHEET_LIMITS, SheetLimitError, type SheetLimits, worksheetParser } from './xlsx/worksheetParser.js';
import { type ZipEntry, zipEntries } from './xlsx/zipEntries.js';

/** A sheet as read, with its merged ranges (problems in merged cells say so). */
export interface XlsxSheet extends SheetTable {
  readonly merges: NonNullable<SheetTable['merges']>;
}

/** The sheets a workbook reader found, by the layout name they matched. */
export interface WorkbookTables {
  readonly sheets: ReadonlyMap<string, XlsxSheet>;
  /** True for the 1904 date system (serial 0 = 1904-01-01). */
  readonly date1904: boolean;
}

export type TablesOrProblem = { readonly ok: true; readonly tables: WorkbookTables } | { readonly ok: false; readonly problem: Problem };

/** What an XLSX workbook may unpack to and hold. */
export interface XlsxLimits extends UnpackLimits, SheetLimits {}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = { ...DEFAULT_UNPACK_LIMITS, ...DEFAULT_SHEET_LIMITS };

/**
 * exceljs, loaded on first use (the workbook writer and the template use it): it takes about
 * a second of CPU and tens of MB to load, which processes that never write one should not pay.
 */
export async function loadExcelJs(): Promise<typeof import('exceljs')> {
  return (await import('exceljs')).default as unknown as typeof import('exceljs');
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** True when the bytes start like a ZIP archive (the XLSX container). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
}

const UNREADABLE = 'the file could not be read as an Excel workbook (.xlsx): it may be damaged or cut short; save it again from Excel as "Excel Workbook (.xlsx)" or as "CSV UTF-8" and upload again';

async function parsePart<T>(archive: Buffer, entry: ZipEntry, budget: UnpackBudget, parser: ChunkParser & { result(): T }): Promise<T> {
  await inflateEntry(archive, entry, budget, (text) => parser.write(text));
  parser.done();
  return parser.result();
}

/** Raised inside the reader for a workbook whose parts do not fit together. */
/** A part the workbook's own index names is not in the archive (caught here: file_unreadable). */
class MissingPartError extends NavcastError {
  readonly code = 'xlsx_part_missing';
  readonly status = 422;
}

/**
 * Reads the sheets whose names match `wanted` (trimmed, case-insensitive) and returns them
 * under the wanted spelling, each with its rows as found.
 */
export async function readXlsxTables(bytes: Uint8Array, wanted: readonly string[], limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<TablesOrProblem> {
  if (!looksLikeZip(bytes)) return { ok: false, problem: fileProblem('file_unreadable', UNREADABLE) };
  const archive = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const budget = new UnpackBudget(limits);
  try {
    const entries = zipEntries(archive);
    const part = (name: string): ZipEntry => {
      const entry = entries.get(name);
      if (entry === undefined) throw new MissingPartError(name);
      return entry;
    };
    const workbook = await parsePart(archive, part('xl/workbook.xml'), budget, workbookParser());
    const targets = await parsePart(archive, part('xl/_rels/workbook.xml.rels'), budget, relationshipsParser('xl/'));
    const strings = entries.has('xl/sharedStrings.xml') ? await parsePart(archive, part('xl/sharedStrings.xml'), budget, sharedStringsParser()) : [];
    const dateStyles = entries.has('xl/styles.xml') ? await parsePart(archive, part('xl/styles.xml'), budget, stylesParser()) : [];
    const byKey = new Map(wanted.map((name) => [name.toLowerCase(), name]));
    const sheets = new Map<string, XlsxSheet>();
    for (const sheet of workbook.sheets) {
      const name = byKey.get(sheet.name.trim().toLowerCase());
      if (name === undefined || sheets.has(name)) continue;
      const target = targets.get(sheet.relId);
      if (target === undefined) throw new MissingPartError(`relationship ${sheet.relId}`);
      const content = await parsePart(archive, part(target), budget, worksheetParser({ sharedStrings: strings, dateStyles, date1904: workbook.date1904, limits }));
      sheets.set(name, { name, rows: content.rows, merges: content.merges });
    }
    return { ok: true, tables: { sheets, date1904: workbook.date1904 } };
  } catch (error) {
    if (error instanceof UnpackLimitError || error instanceof SheetLimitError) {
      return { ok: false, problem: fileProblem('file_too_complex', `${error.message}: split the funds over several smaller workbooks`) };
    }
    // The zip or XML detail would not help a finance user; the code says what to do.
    return { ok: false, problem: fileProblem('file_unreadable', UNREADABLE) };
  }
}
