/**
 * The CSV fast path against the reference reader: on every file it either declines (null)
 * or gives exactly the reference reader's funds, and it declines every file the reference
 * reader rejects, so rejected uploads keep the reference problems word for word. Files:
 * the committed sample, the malformed corpus, and seeded random edits of a small workbook.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../../commands/ingest/index.js';
import { fastCsvFunds } from '../../commands/ingest/fastCsv.js';
import { decodeCsvText } from '../../commands/ingest/readCsv.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** The fast path's funds for `text`, or null where it declines. */
function fast(text: string, name: string) {
  const decoded = decodeCsvText(encode(text));
  return decoded.ok ? fastCsvFunds(decoded.text, name) : null;
}

async function reference(text: string, name: string) {
  return parseWorkbook(encode(text), name, { fastPath: false });
}

const SAMPLE = readFileSync(new URL('../../samples/navcast-sample.csv', import.meta.url), 'utf8');

const HEADER = ['fund', 'currency', 'commitment', 'vintage', 'strategy', 'date', 'type', 'amount', 'published_date', 'source', 'liquidating'];
const ROWS = [
  ['Alpha', 'EUR', '1000000', '2015', 'buyout', '2015-01-05', 'contribution', '250000', '', '', ''],
  ['Alpha', 'EUR', '1000000', '2015', 'buyout', '2015-03-31', 'nav', '240000.5', '2015-05-15', '', ''],
  ['Alpha', 'EUR', '1000000', '2015', 'buyout', '2015-03-31', 'contribution', '1.25', '', '', ''],
  ['Beta, L.P.', 'usd', '2e6', '2016', 'Real Estate', '2016-02-01', 'contribution', '100', '', '', ''],
  ['Alpha', 'EUR', '1000000', '2015', 'buyout', '2016-06-30', 'price', '230000', '', ' Desk "B" ', ''],
  ['Beta, L.P.', 'USD', '2000000', '2016', 'real_estate', '2017-01-02', 'distribution', '50', '', '', 'yes'],
  ['Alpha', 'EUR', '1000000', '2015', 'buyout', '2015-03-31', 'contribution', '1.5', '', '', ''],
];

/** CSV text of rows, quoting fields as Excel does (only where needed), CRLF line ends. */
function csvText(rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

const SMALL = csvText([HEADER, ...ROWS]);

/** Park-Miller LCG: the same edits on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

/** Values per column, valid and not, for edits of single cells. */
const VALUES: readonly (readonly string[])[] = [
  ['Alpha', 'Beta, L.P.', ' Alpha ', '', 'alpha', 'Gamma'],
  ['EUR', 'USD', 'usd', 'XXX', ''],
  ['1000000', '2000000', '2e6', '0', '-5', 'abc'],
  ['2015', '2016', '1800', '2015.5', ''],
  ['buyout', 'real_estate', 'Real Estate', 'venture', 'nope'],
  ['2015-01-05', '2015-03-31', '2014-12-31', '2016-02-29', '2015-02-30', '42185', '03/04/2015', ' 2015-03-31', ''],
  ['contribution', 'distribution', 'nav', 'price', 'NAV', ' nav ', 'other', ''],
  ['1', '250000', '240000.5', '0', '-1', '1e20', '1e999', 'abc', ' 5 ', '.5', '1.', '1.2.3', '12..5', '1234567890123456.5', ''],
  ['', '2015-05-15', '2015-03-30', 'bad', ' '],
  ['', 'Desk', ' ', 'x,y', 'Desk "B"'],
  ['', 'yes', 'no', 'TRUE', 'maybe', '1'],
];

/** Records that hold only white space (skipped but counted), or not quite. */
const BLANKISH = ['', ' ', '\u00a0', '\u3000', ' \u2003 ', '\u200b', 'x'];

const PIECES = ['', ',', '"', '""', '\n', '\r', ' ', '-', '.', '0', '9', 'e5', 'É', '\u00a0'];

/** Random cell edits and repeated rows, then random text edits of the CSV. */
function editedWorkbook(random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const rows = ROWS.map((row) => [...row]);
  for (let e = Math.floor(random() * 4); e > 0; e--) {
    const what = random();
    if (what < 0.1) rows.splice(Math.floor(random() * rows.length), 0, [pick(BLANKISH)]);
    else if (what < 0.25) rows.push([...pick(rows)]);
    else {
      const column = Math.floor(random() * HEADER.length);
      pick(rows)[column] = pick(VALUES[column]);
    }
  }
  let text = csvText([HEADER, ...rows]);
  for (let e = random() < 0.5 ? 0 : 1 + Math.floor(random() * 2); e > 0; e--) {
    const at = Math.floor(random() * text.length);
    const kind = Math.floor(random() * 3);
    if (kind === 0) text = text.slice(0, at) + pick(PIECES) + text.slice(at + 1 + Math.floor(random() * 3));
    else if (kind === 1) text = text.slice(0, at) + pick(PIECES) + text.slice(at);
    else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 12));
  }
  return text;
}

describe('CSV fast path', () => {
  it('reads the sample and a small quoted, mixed-case workbook exactly like the reference reader', async () => {
    for (const [text, name] of [
      [SAMPLE, 'sample.csv'],
      [SMALL, 'small.csv'],
    ]) {
      const expected = await reference(text, name);
      expect(expected.ok).toBe(true);
      expect(fast(text, name)).toEqual(expected.ok ? expected.funds : 'unreachable');
    }
  });

  it('declines every CSV file of the corpus rejected for its content', () => {
    const folder = new URL('../fixtures/workbooks/', import.meta.url);
    const manifest = JSON.parse(readFileSync(new URL('manifest.json', folder), 'utf8')) as { file: string; problems: { code: string }[] }[];
    // A file rejected only for its size is checked before any reader runs.
    const files = manifest.filter((entry) => entry.file.endsWith('.csv') && entry.problems.some((p) => p.code !== 'file_too_large')).map((entry) => entry.file);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const decoded = decodeCsvText(new Uint8Array(readFileSync(new URL(file, folder))));
      expect(decoded.ok ? fastCsvFunds(decoded.text, file) : null, file).toBeNull();
    }
  });

  it('on 1500 random edits either declines or agrees with the reference reader, and declines every rejected file', async () => {
    const random = generator(20261126);
    let accepted = 0;
    let rejected = 0;
    for (let n = 0; n < 1500; n++) {
      const text = editedWorkbook(random);
      const expected = await reference(text, 'edited.csv');
      const got = fast(text, 'edited.csv');
      if (!expected.ok) {
        rejected++;
        expect(got, text).toBeNull();
      } else if (got !== null) {
        accepted++;
        expect(got, text).toEqual(expected.funds);
      }
    }
    // Both kinds must occur for the comparison to mean something.
    expect(accepted).toBeGreaterThan(200);
    expect(rejected).toBeGreaterThan(300);
  });
});

describe('amount overflow', () => {
  it('reports an amount written as 1e999 as too large instead of failing', async () => {
    const text = `${HEADER.join(',')}\nAlpha,EUR,1000000,2015,buyout,2015-01-05,contribution,1e999,,,\n`;
    const result = await parseWorkbook(encode(text), 'big.csv');
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.row, p.column, p.message])).toEqual([
      ['amount_too_large', 2, 'H', 'the number is too large to be an amount (limit 1000000000000000)'],
    ]);
  });
});
