/**
 * Reads the rows of each layout: XLSX (Funds sheet + Data sheet) and CSV (one table where
 * every row repeats its fund's attributes, which must agree from row to row).
 */
import type { FundAttributes } from '../../domain/funds/index.js';
import type { SheetTable } from './cells.js';
import { readText } from './fields.js';
import { type SheetColumns, fieldCell, headerKey, mapColumns } from './headers.js';
import { CSV_COLUMNS, CSV_OPTIONAL_COLUMNS, type CsvColumn, DATA_COLUMNS, type DataColumn, FUND_COLUMNS, type FundColumn, OPTIONAL_COLUMNS } from './layout.js';
import type { ProblemSink } from './problems.js';
import { type DatedRecord, type FundDeclaration, RowReader, readAttributes, readDatedRecord } from './records.js';

/** Everything read from a workbook's rows, before the checks across rows. */
export interface WorkbookRecords {
  readonly declarations: readonly FundDeclaration[];
  readonly records: readonly DatedRecord[];
  /** Funds with at least one unreadable row: checks across their rows would mislead. */
  readonly damagedFunds: ReadonlySet<string>;
  /** Names on the fund list even where their row had problems (their data rows are not "unknown"). */
  readonly listedFunds: ReadonlySet<string>;
  /** Column positions per sheet, to locate problems found later. */
  readonly columns: ReadonlyMap<string, SheetColumns<string>>;
}

function fundNameOf(columns: SheetColumns<string>, row: Parameters<typeof fieldCell>[1]): string | null {
  const read = readText(fieldCell(columns, row, 'fund'));
  return read.ok ? read.value : null;
}

/** Reads the Funds and Data sheets of an XLSX workbook; null when a header is unusable. */
export function readXlsxRecords(funds: SheetTable, data: SheetTable, date1904: boolean, problems: ProblemSink): WorkbookRecords | null {
  const fundColumns = mapColumns<FundColumn>(funds, FUND_COLUMNS, OPTIONAL_COLUMNS, problems);
  const dataColumns = mapColumns<DataColumn>(data, DATA_COLUMNS, OPTIONAL_COLUMNS, problems);
  if (fundColumns === null || dataColumns === null) return null;
  const declarations: FundDeclaration[] = [];
  const listedFunds = new Set<string>();
  const damagedFunds = new Set<string>();
  for (const row of fundColumns.rows) {
    const reader = new RowReader(fundColumns, row, problems);
    const name = reader.text('fund', 'the fund name');
    if (name !== undefined) listedFunds.add(name);
    const attributes = readAttributes(reader);
    if (name !== undefined && attributes !== undefined) declarations.push({ sheet: funds.name, row: row.number, name, attributes });
    // A Funds row with a problem is reported at its cell; "the workbook lists no funds" would mislead.
    else damagedFunds.add(name ?? '');
  }
  const records: DatedRecord[] = [];
  for (const row of dataColumns.rows) {
    const reader = new RowReader(dataColumns, row, problems);
    const record = readDatedRecord(reader, { sheet: data.name, row: row.number }, date1904, false);
    if (record !== undefined) records.push(record);
    else damagedFunds.add(fundNameOf(dataColumns, row) ?? '');
  }
  const columns = new Map<string, SheetColumns<string>>([
    [funds.name, fundColumns],
    [data.name, dataColumns],
  ]);
  return { declarations, records, damagedFunds, listedFunds, columns };
}

const ATTRIBUTE_FIELDS = ['currency', 'commitment', 'vintage', 'strategy'] as const;

function describe(field: (typeof ATTRIBUTE_FIELDS)[number], attributes: FundAttributes): string {
  return String(attributes[field]);
}

const SEPARATORS = [
  [';', 'semicolons (;)'],
  ['\t', 'tabs'],
  ['|', 'vertical bars (|)'],
] as const;

/**
 * The separator a CSV was written with when it is not a comma (Excel in many European
 * locales writes semicolons): the header reads as one cell that splits into known columns.
 */
function foreignSeparator(table: SheetTable): string | null {
  const header = table.rows[0];
  if (header === undefined) return null;
  const texts = header.cells.map((cell) => (cell.kind === 'text' ? cell.text : ''));
  const known = new Set<string>(CSV_COLUMNS);
  const isKnown = (text: string) => known.has(headerKey(text));
  if (texts.filter(isKnown).length >= 2) return null;
  for (const [separator, name] of SEPARATORS) {
    const parts = texts.flatMap((text) => text.split(separator));
    if (parts.filter(isKnown).length >= 2) return name;
  }
  return null;
}

/** Reads a CSV table; the first row of each fund declares it, later rows must agree. */
export function readCsvRecords(table: SheetTable, problems: ProblemSink): WorkbookRecords | null {
  const separator = foreignSeparator(table);
  if (separator !== null) {
    problems.add({
      code: 'file_unreadable',
      sheet: table.name,
      row: table.rows[0].number,
      column: null,
      field: null,
      message: `the columns are separated by ${separator}, but NAVcast reads comma-separated CSV: save the file from Excel as "CSV UTF-8 (comma delimited)" (where a comma is the decimal mark, write amounts with a dot, e.g. 1250000.50), or upload the workbook as .xlsx`,
    });
    return null;
  }
  const columns = mapColumns<CsvColumn>(table, CSV_COLUMNS, CSV_OPTIONAL_COLUMNS, problems);
  if (columns === null) return null;
  const declared = new Map<string, FundDeclaration>();
  const records: DatedRecord[] = [];
  const damagedFunds = new Set<string>();
  // Every row repeats its fund's attributes; identical cells read identically, so successes are reused.
  const attributeCache = new Map<string, FundAttributes>();
  for (const row of columns.rows) {
    const reader = new RowReader(columns, row, problems);
    const key = ATTRIBUTE_FIELDS.map((field) => {
      const cell = fieldCell(columns, row, field);
      return cell.kind === 'text' ? cell.text : '';
    }).join('\u0000');
    let attributes = attributeCache.get(key);
    if (attributes === undefined) {
      attributes = readAttributes(reader);
      if (attributes !== undefined && !reader.failed) attributeCache.set(key, attributes);
    }
    const record = readDatedRecord(reader, { sheet: table.name, row: row.number }, false, true);
    if (record === undefined || attributes === undefined) {
      damagedFunds.add(fundNameOf(columns, row) ?? '');
      continue;
    }
    const first = declared.get(record.fund);
    if (first === undefined) {
      declared.set(record.fund, { sheet: table.name, row: row.number, name: record.fund, attributes });
    } else {
      for (const field of ATTRIBUTE_FIELDS) {
        const mine = describe(field, attributes);
        const theirs = describe(field, first.attributes);
        if (mine === theirs) continue;
        if (field === 'currency') {
          reader.report(field, 'currency_mixed', `this row is in ${mine} but the fund's first row (row ${first.row}) is in ${theirs}: all amounts of a fund must be in one currency`);
        } else {
          reader.report(field, 'attribute_conflict', `${field} ${mine} differs from ${theirs} on the fund's first row (row ${first.row}); a fund has one ${field}: make the rows agree`);
        }
      }
    }
    records.push(record);
    if (reader.failed) damagedFunds.add(record.fund);
  }
  return { declarations: [...declared.values()], records, damagedFunds, listedFunds: new Set(declared.keys()), columns: new Map([[table.name, columns as SheetColumns<string>]]) };
}
