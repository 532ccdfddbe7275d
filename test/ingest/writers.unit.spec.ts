/**
 * XLSX workbooks as other programs write them (test/fixtures/workbooks/writers, made by
 * write_workbooks.py with pandas/openpyxl, xlsxwriter, LibreOffice, and re-zipped in Excel's
 * and in reverse entry order) read exactly as the same funds in the sample CSV: same names,
 * same data hashes. exceljs's streaming reader dropped the Data sheet of the pandas/openpyxl
 * file (worksheets before the workbook part, no shared strings) and refused it as sheet_missing.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readUpload } from '../../commands/ingest/index.js';
import { readZipEntries } from '../kit/zip.js';

const WRITERS = ['pandas-openpyxl.xlsx', 'pandas-xlsxwriter.xlsx', 'libreoffice.xlsx', 'excel-order.xlsx', 'reversed-order.xlsx'];

async function hashes(bytes: Uint8Array, name: string): Promise<Record<string, string>> {
  const read = await readUpload(bytes, name);
  if (!read.ok) throw new Error(`${name}: ${JSON.stringify(read.problems.slice(0, 3))}`);
  return Object.fromEntries(read.funds.map((fund) => [fund.name, fund.dataHash]));
}

describe('workbooks written by other programs', () => {
  it.each(WRITERS)('%s reads as the same funds as the sample CSV', async (file) => {
    const expected = await hashes(await readFile('samples/navcast-sample.csv'), 'navcast-sample.csv');
    expect(Object.keys(expected)).toHaveLength(4);
    const bytes = await readFile(`test/fixtures/workbooks/writers/${file}`);
    expect(await hashes(bytes, file)).toEqual(expected);
  });

  it('the files really differ in entry order (the property under test)', async () => {
    const orders = await Promise.all(WRITERS.map(async (file) => readZipEntries(`test/fixtures/workbooks/writers/${file}`).map((entry) => entry.name)));
    const sheetBeforeWorkbook = orders.filter((names) => names.indexOf('xl/worksheets/sheet1.xml') < names.indexOf('xl/workbook.xml'));
    const stringsAfterSheets = orders.filter((names) => names.includes('xl/sharedStrings.xml') && names.indexOf('xl/sharedStrings.xml') > names.indexOf('xl/worksheets/sheet2.xml'));
    const noSharedStrings = orders.filter((names) => !names.includes('xl/sharedStrings.xml'));
    expect(sheetBeforeWorkbook.length).toBeGreaterThanOrEqual(2);
    expect(stringsAfterSheets.length).toBeGreaterThanOrEqual(1);
    expect(noSharedStrings.length).toBeGreaterThanOrEqual(1);
  });

  it('the sample workbook written by exceljs (our own writer) reads as the CSV does', async () => {
    const expected = await hashes(await readFile('samples/navcast-sample.csv'), 'navcast-sample.csv');
    expect(await hashes(await readFile('samples/navcast-sample.xlsx'), 'navcast-sample.xlsx')).toEqual(expected);
  });
});
