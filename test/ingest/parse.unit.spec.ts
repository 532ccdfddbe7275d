import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { type ParseResult, formatProblem, parseWorkbook, parseWorkbookFile, writeTemplate } from '../../commands/ingest/index.js';
import { dataHash } from '../../domain/identity/index.js';
import { SAMPLE_FUNDS } from '../../ops/scripts/generateSamples.js';

const scratch = mkdtempSync(join(tmpdir(), 'navcast-ingest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function funds(result: ParseResult) {
  if (!result.ok) throw new Error(`expected funds, got problems:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.funds;
}

const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));
const HEADER = 'fund,currency,commitment,vintage,strategy,date,type,amount,published_date,source,liquidating';

describe('parseWorkbook on the committed samples', () => {
  it.each(['navcast-sample.xlsx', 'navcast-sample.csv'])('%s gives exactly the sample funds', async (file) => {
    const parsed = funds(await parseWorkbookFile(new URL(`../../samples/${file}`, import.meta.url).pathname));
    expect(parsed.map((fund) => fund.name)).toEqual(SAMPLE_FUNDS.map((fund) => fund.name));
    parsed.forEach((fund, i) => {
      expect(fund.data).toEqual(SAMPLE_FUNDS[i].data);
      expect(dataHash(fund.data)).toBe(dataHash(SAMPLE_FUNDS[i].data));
    });
    expect(parsed[0].declaredAt.row).toBe(2);
  });
});

describe('parseWorkbook details', () => {
  it('reads the template as a workbook with no funds (XLSX with its Read me sheet, and CSV)', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const path = join(scratch, `template.${format}`);
      await writeTemplate(path, format);
      const result = await parseWorkbookFile(path);
      expect(result.ok ? [] : result.problems.map((problem) => problem.code)).toEqual(['no_funds']);
    }
  });

  it('reads Excel serials in the 1904 date system and text serials in CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    workbook.addWorksheet('Funds').addRows([
      ['fund', 'currency', 'commitment', 'vintage', 'strategy'],
      ['Mac Fund', 'CHF', 1000, 2013, 'other'],
    ]);
    workbook.addWorksheet('Data').addRows([
      ['fund', 'date', 'type', 'amount'],
      ['Mac Fund', 40000, 'contribution', 10],
    ]);
    const xlsxFunds = funds(await parseWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()), 'mac.xlsx'));
    expect(xlsxFunds[0].data.contributions).toEqual([{ date: '2013-07-07', amount: 10 }]);
    const csvFunds = funds(await parseWorkbook(csv([HEADER, 'F,EUR,1,2015,buyout,42185,contribution,1']), 'f.csv'));
    expect(csvFunds[0].data.contributions[0].date).toBe('2015-06-30');
  });

  it('reads quoted CSV fields with commas, doubled quotes and line breaks, a BOM and CRLF', async () => {
    const text = `\ufeff${HEADER}\r\n"Fund ""A"", Inc.",EUR,100,2015,Real Estate,2015-01-05,contribution,50,,,\r\n"Fund ""A"", Inc.",EUR,100,2015,Real Estate,2015-02-05,price,60,,"Desk ""B"",\nLondon",\r\n`;
    const [fund] = funds(await parseWorkbook(new TextEncoder().encode(text), 'q.csv'));
    expect(fund.name).toBe('Fund "A", Inc.');
    expect(fund.data.attributes.strategy).toBe('real_estate');
    expect(fund.data.prices).toEqual([{ date: '2015-02-05', amount: 60, source: 'Desk "B",\nLondon' }]);
  });

  it('matches headers case-insensitively in any order and ignores a notes column', async () => {
    const [fund] = funds(
      await parseWorkbook(csv(['Amount,Type,Date,Notes,Strategy,Vintage,Commitment,Currency,Fund', '7,Contribution,2020-01-06,first call,Venture,2020,100,usd, Fonds Été ']), 'n.csv'),
    );
    expect(fund.name).toBe('Fonds Été');
    expect(fund.data.attributes).toEqual({ currency: 'USD', commitment: 100, vintage: 2020, strategy: 'venture' });
  });

  it('NFC-normalises fund names so NFD and NFC spellings are one fund', async () => {
    const nfd = 'Fonds E\u0301te\u0301';
    const result = funds(await parseWorkbook(csv([HEADER, `${nfd},EUR,1,2015,buyout,2015-01-05,contribution,1,,,`, 'Fonds Été,EUR,1,2015,buyout,2015-02-05,contribution,2,,,']), 'n.csv'));
    expect(result).toHaveLength(1);
    expect(result[0].name).toBe('Fonds \u00c9t\u00e9'.replace('\u00c9', 'E\u0301').normalize('NFC'));
    expect(result[0].data.contributions).toHaveLength(2);
  });

  it('checks the size of a file before reading it', async () => {
    const path = join(scratch, 'huge.csv');
    writeFileSync(path, '');
    truncateSync(path, 30 * 1024 * 1024); // sparse: 30 MiB of zeros, never read
    const result = await parseWorkbookFile(path);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual(['the file is 30.0 MB, over the 20.0 MB limit: split the funds over several files']);
  });

  it('lists at most maxProblems problems and counts the rest', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `F,EUR,1,2015,buyout,2015-01-0${i + 1},contribution,-1,,,`);
    const result = await parseWorkbook(csv([HEADER, ...rows]), 'many.csv', { maxProblems: 2 });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((problem) => [problem.code, problem.row])).toEqual([
      ['amount_negative', 2],
      ['amount_negative', 3],
      ['too_many_problems', null],
    ]);
    expect(problems[2].message).toBe('3 more problems are not listed; fix the ones above (they often repeat) and upload again');
  });

  it('gives the same data hash whatever the row order', async () => {
    const lines = readFileSync(new URL('../../samples/navcast-sample.csv', import.meta.url), 'utf8')
      .trim()
      .split(/\r?\n/);
    const [header, ...rows] = lines;
    const shuffled = [header, ...rows.reverse()];
    const a = funds(await parseWorkbook(csv(lines), 'a.csv'));
    const b = funds(await parseWorkbook(csv(shuffled), 'b.csv'));
    expect(b.map((fund) => dataHash(fund.data)).sort()).toEqual(a.map((fund) => dataHash(fund.data)).sort());
  });
});
