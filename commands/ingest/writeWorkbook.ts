/**
 * Writes funds as a workbook in the documented layout: XLSX (Funds and Data sheets, dates
 * as real Excel date cells) or CSV (UTF-8, one table). Used by the template, the sample
 * workbooks and the ingestion benchmark; what it writes parses back to the same funds.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { NamedFundData } from '../../domain/funds/index.js';
import { canonicalNumber } from '../../domain/identity/index.js';
import { CSV_COLUMNS, DATA_COLUMNS, DATA_SHEET, FUND_COLUMNS, FUNDS_SHEET, type RowType } from './layout.js';
import { loadExcelJs } from './readXlsx.js';

/** The file formats a workbook can have. */
export type WorkbookFormat = 'xlsx' | 'csv';

/** One dated row as written to the Data sheet. */
export interface DatedRow {
  readonly type: RowType;
  readonly date: string;
  readonly amount: number;
  readonly publishedDate: string | null;
  readonly source: string | null;
  readonly liquidating: boolean;
}

/** A fund's dated rows in date order (contributions first within a day, as cash is called before it is returned). */
export function datedRows(fund: NamedFundData): DatedRow[] {
  const none = { publishedDate: null, source: null, liquidating: false };
  const { contributions, distributions, navs, prices } = fund.data;
  const rows: DatedRow[] = [
    ...contributions.map((c) => ({ ...none, type: 'contribution' as const, date: c.date, amount: c.amount })),
    ...distributions.map((d) => ({ ...none, type: 'distribution' as const, date: d.date, amount: d.amount, liquidating: d.liquidating })),
    ...navs.map((n) => ({ ...none, type: 'nav' as const, date: n.valueDate, amount: n.amount, publishedDate: n.publishedDate })),
    ...prices.map((p) => ({ ...none, type: 'price' as const, date: p.date, amount: p.amount, source: p.source })),
  ];
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Extra sheets put before Funds and Data (e.g. instructions); the parser ignores them. */
export interface ExtraSheet {
  readonly name: string;
  readonly lines: readonly string[];
}

function excelDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

async function writeXlsx(path: string, funds: readonly NamedFundData[], extraSheets: readonly ExtraSheet[]): Promise<void> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  for (const extra of extraSheets) {
    const sheet = workbook.addWorksheet(extra.name);
    sheet.columns = [{ width: 110 }];
    for (const line of extra.lines) sheet.addRow([line]).commit();
    sheet.commit();
  }
  const fundsSheet = workbook.addWorksheet(FUNDS_SHEET);
  fundsSheet.columns = FUND_COLUMNS.map((header) => ({ header, key: header, width: header === 'fund' ? 32 : 14 }));
  for (const { name, data } of funds) {
    fundsSheet.addRow({ fund: name, ...data.attributes }).commit();
  }
  fundsSheet.commit();
  const dataSheet = workbook.addWorksheet(DATA_SHEET);
  dataSheet.columns = DATA_COLUMNS.map((header) => ({
    header,
    key: header,
    width: header === 'fund' || header === 'source' ? 28 : 14,
    style: header === 'date' || header === 'published_date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  for (const fund of funds) {
    for (const row of datedRows(fund)) {
      dataSheet
        .addRow({
          fund: fund.name,
          date: excelDate(row.date),
          type: row.type,
          amount: row.amount,
          currency: fund.data.attributes.currency,
          published_date: row.publishedDate === null ? null : excelDate(row.publishedDate),
          source: row.source,
          liquidating: row.type === 'distribution' ? (row.liquidating ? 'yes' : 'no') : null,
        })
        .commit();
    }
  }
  dataSheet.commit();
  await workbook.commit();
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

async function writeCsv(path: string, funds: readonly NamedFundData[]): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (cells: readonly string[]) => {
    if (!out.write(`${cells.map(csvField).join(',')}\r\n`)) await once(out, 'drain');
  };
  await write(CSV_COLUMNS);
  for (const fund of funds) {
    const { currency, commitment, vintage, strategy } = fund.data.attributes;
    for (const row of datedRows(fund)) {
      const liquidating = row.type === 'distribution' ? (row.liquidating ? 'yes' : 'no') : '';
      await write([
        fund.name,
        currency,
        canonicalNumber(commitment),
        String(vintage),
        strategy,
        row.date,
        row.type,
        canonicalNumber(row.amount),
        row.publishedDate ?? '',
        row.source ?? '',
        liquidating,
      ]);
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Writes `funds` to `path` in `format`; `extraSheets` apply to XLSX only. */
export async function writeFundsWorkbook(path: string, funds: readonly NamedFundData[], format: WorkbookFormat, extraSheets: readonly ExtraSheet[] = []): Promise<void> {
  if (format === 'xlsx') await writeXlsx(path, funds, extraSheets);
  else await writeCsv(path, funds);
}
