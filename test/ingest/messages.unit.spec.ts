/**
 * Problems worded for a finance user where the file's own shape misleads the checks: a text
 * commitment (no extra "lists no funds"), a semicolon-separated CSV (one problem naming the
 * separator, not eight missing columns), merged cells (the merge named), an old .xls under
 * any name (what to save it as).
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ParseResult, type Problem, parseWorkbook } from '../../commands/ingest/index.js';

const FUND_HEADER = ['fund', 'currency', 'commitment', 'vintage', 'strategy'];
const DATA_HEADER = ['fund', 'date', 'type', 'amount'];

function problems(result: ParseResult): Problem[] {
  if (result.ok) throw new Error('expected the workbook to be refused');
  return [...result.problems];
}

async function xlsx(build: (funds: ExcelJS.Worksheet, data: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const funds = workbook.addWorksheet('Funds');
  const data = workbook.addWorksheet('Data');
  funds.addRow(FUND_HEADER);
  data.addRow(DATA_HEADER);
  build(funds, data);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('problem messages', () => {
  it('a text commitment is reported at its cell, without a misleading "lists no funds"', async () => {
    const bytes = await xlsx((funds, data) => {
      funds.addRow(['Alpha Fund', 'EUR', 'ten million', 2015, 'buyout']);
      data.addRow(['Alpha Fund', new Date(Date.UTC(2015, 0, 5)), 'contribution', 100]);
    });
    const found = problems(await parseWorkbook(bytes, 'text-commitment.xlsx'));
    expect(found.map((p) => [p.code, `${p.sheet}!${p.column}${p.row}`])).toEqual([['amount_not_numeric', 'Funds!C2']]);
  });

  it('still says "lists no funds" for a workbook whose Funds sheet is empty', async () => {
    const found = problems(await parseWorkbook(await xlsx(() => {}), 'empty.xlsx'));
    expect(found.map((p) => p.code)).toEqual(['no_funds']);
  });

  it.each([
    [';', 'semicolons (;)'],
    ['\t', 'tabs'],
  ])('a CSV separated by %j gets one problem naming the separator', async (separator, name) => {
    const lines = [
      ['fund', 'currency', 'commitment', 'vintage', 'strategy', 'date', 'type', 'amount'],
      ['Alpha Fund', 'EUR', '1000000,50', '2015', 'buyout', '2015-01-05', 'contribution', '100,25'],
    ].map((cells) => cells.join(separator));
    const found = problems(await parseWorkbook(new TextEncoder().encode(lines.join('\r\n')), 'european.csv'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'file_unreadable', sheet: 'european.csv', row: 1 });
    expect(found[0].message).toContain(`separated by ${name}`);
    expect(found[0].message).toContain('CSV UTF-8 (comma delimited)');
  });

  it('a comma CSV with one unknown column is not taken for another separator', async () => {
    const lines = ['fund,currency,commitment,vintage,strategy,date,type,amount;x', 'A,EUR,1,2015,buyout,2015-01-05,contribution,1'];
    const found = problems(await parseWorkbook(new TextEncoder().encode(lines.join('\n')), 'typo.csv'));
    expect(found.map((p) => p.code).sort()).toEqual(['column_missing', 'column_unknown']);
  });

  it('a value missing under merged cells names the merge and its first cell', async () => {
    const bytes = await xlsx((funds, data) => {
      funds.addRow(['Alpha Fund', 'EUR', 1000, 2015, 'buyout']);
      data.addRow(['Alpha Fund', new Date(Date.UTC(2015, 0, 5)), 'contribution', 100]);
      data.addRow([null, new Date(Date.UTC(2015, 1, 5)), 'contribution', 50]);
      data.addRow([null, new Date(Date.UTC(2015, 2, 5)), 'contribution', 25]);
      data.mergeCells('A2:A4');
    });
    const found = problems(await parseWorkbook(bytes, 'merged.xlsx'));
    expect(found.map((p) => [p.code, `${p.sheet}!${p.column}${p.row}`])).toEqual([
      ['value_missing', 'Data!A3'],
      ['value_missing', 'Data!A4'],
    ]);
    expect(found[0].message).toContain('merged cells A2:A4');
    expect(found[0].message).toContain('only in its first cell (A2)');
  });

  it.each(['libreoffice.xls', 'renamed.xlsx', 'renamed.csv'])('an old Excel file named %s says to save it as .xlsx', async (name) => {
    const bytes = await readFile('test/fixtures/workbooks/writers/libreoffice.xls');
    const found = problems(await parseWorkbook(bytes, name));
    expect(found.map((p) => p.code)).toEqual(['file_type_unsupported']);
    expect(found[0].message).toContain('"Excel Workbook (.xlsx)"');
  });
});
