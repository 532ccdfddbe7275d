/**
 * Reads a canonical fund table (canonicalTable.ts) back into fund data: the form in which
 * FundDataVersionRecorded (schema version 2) carries a version's series. One long string
 * costs a fraction of an object per row to validate, hash, store and parse, and its SHA-256
 * is the data hash. Rows come back in the table's order (date, kind, published date,
 * source, liquidating, amount), so a version's series is a function of its data hash.
 * Anything that canonicalFundTable could not have written is refused.
 */
import { NavcastError } from '../errors.js';
import { FundAttributes, type FundData } from '../funds/fundData.js';
import { EARLIEST_DATE, LATEST_DATE, MAX_AMOUNT, isIsoCalendarDate } from '../funds/values.js';

/** Text that is not a canonical fund table. */
export class CanonicalTableError extends NavcastError {
  readonly code = 'canonical_table_invalid';
  readonly status = 500;
}

const HEAD = 'navcast-fund-data/v1\nattributes,1,4\ncommitment,currency,strategy,vintage\n';
const ROWS_HEAD = 'amount,date,kind,liquidating,published_date,source\n';

/** Reads CSV cells (quoted where canonicalTable quotes them) up to the end of a line. */
class LineReader {
  position = 0;
  constructor(private readonly text: string) {}

  line(cells: number, what: string): string[] {
    const out: string[] = [];
    for (;;) {
      let cell: string;
      if (this.text.charCodeAt(this.position) === 34) {
        cell = '';
        this.position++;
        for (;;) {
          const close = this.text.indexOf('"', this.position);
          if (close < 0) throw new CanonicalTableError(`${what}: unclosed quote`);
          cell += this.text.slice(this.position, close);
          this.position = close + 1;
          if (this.text.charCodeAt(this.position) !== 34) break;
          cell += '"';
          this.position++;
        }
      } else {
        let end = this.position;
        while (end < this.text.length && this.text.charCodeAt(end) !== 44 && this.text.charCodeAt(end) !== 10) end++;
        cell = this.text.slice(this.position, end);
        this.position = end;
      }
      out.push(cell);
      const next = this.text.charCodeAt(this.position++);
      if (next === 10) break;
      if (next !== 44) throw new CanonicalTableError(`${what}: a cell is not followed by a comma or a line end`);
    }
    if (out.length !== cells) throw new CanonicalTableError(`${what}: ${out.length} cells instead of ${cells}`);
    return out;
  }

  expect(literal: string, what: string): void {
    if (!this.text.startsWith(literal, this.position)) throw new CanonicalTableError(`${what} is not as canonicalFundTable writes it`);
    this.position += literal.length;
  }
}

/** True for plain decimal text as canonicalNumber writes it: -?digits(.digits)? (checked by hand: once per row). */
function isPlainDecimal(text: string): boolean {
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let dot = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && dot < 0 && digits > 0) dot = i;
    else return false;
  }
  return digits > 0 && dot !== text.length - 1;
}

function number(text: string, what: string): number {
  const value = Number(text);
  if (!isPlainDecimal(text) || !Number.isFinite(value)) throw new CanonicalTableError(`${what}: ${JSON.stringify(text)} is not a plain decimal`);
  return value;
}

function amount(text: string, row: number): number {
  const value = number(text, `row ${row} amount`);
  if (value < 0 || value >= MAX_AMOUNT) throw new CanonicalTableError(`row ${row}: amount ${text} is outside 0 <= x < ${MAX_AMOUNT}`);
  return value;
}

function date(text: string, row: number): string {
  if (!isIsoCalendarDate(text) || text < EARLIEST_DATE || text > LATEST_DATE) throw new CanonicalTableError(`row ${row}: ${JSON.stringify(text)} is not an accepted calendar date`);
  return text;
}

function noExtra(first: string, second: string, row: number): void {
  if (first !== '' || second !== '') throw new CanonicalTableError(`row ${row}: a cell that this kind of row never has is filled`);
}

/** The fund data a canonical table holds; CanonicalTableError for any other text. */
export function fundDataFromCanonicalTable(table: string): FundData {
  const reader = new LineReader(table);
  reader.expect(HEAD, 'the table head');
  const [commitment, currency, strategy, vintage] = reader.line(4, 'attributes');
  const attributes = FundAttributes.safeParse({ commitment: number(commitment, 'commitment'), currency, strategy, vintage: number(vintage, 'vintage') });
  if (!attributes.success) throw new CanonicalTableError(`attributes: ${attributes.error.message}`);
  const [rowsWord, countText, columns] = reader.line(3, 'the rows head');
  const count = /^\d+$/.test(countText) ? Number(countText) : Number.NaN;
  if (rowsWord !== 'rows' || columns !== '6' || !Number.isSafeInteger(count)) throw new CanonicalTableError('the rows head does not give a row count and 6 columns');
  reader.expect(ROWS_HEAD, 'the row columns');
  const data: FundData = { attributes: attributes.data, contributions: [], distributions: [], navs: [], prices: [] };
  for (let row = 1; row <= count; row++) {
    const [amountText, dateText, kind, liquidating, published, source] = reader.line(6, `row ${row}`);
    const value = amount(amountText, row);
    const day = date(dateText, row);
    if (kind === 'contribution') {
      noExtra(liquidating, published, row);
      noExtra(source, '', row);
      data.contributions.push({ date: day, amount: value });
    } else if (kind === 'distribution') {
      if (liquidating !== 'true' && liquidating !== 'false') throw new CanonicalTableError(`row ${row}: liquidating must be true or false`);
      noExtra(published, source, row);
      data.distributions.push({ date: day, amount: value, liquidating: liquidating === 'true' });
    } else if (kind === 'nav') {
      noExtra(liquidating, source, row);
      const publishedDate = published === '' ? null : date(published, row);
      if (publishedDate !== null && publishedDate < day) throw new CanonicalTableError(`row ${row}: published before its value date`);
      data.navs.push({ valueDate: day, publishedDate, amount: value });
    } else if (kind === 'price') {
      noExtra(liquidating, published, row);
      if (source === '') throw new CanonicalTableError(`row ${row}: a price needs its source`);
      data.prices.push({ date: day, amount: value, source });
    } else {
      throw new CanonicalTableError(`row ${row}: unknown kind ${JSON.stringify(kind)}`);
    }
  }
  if (reader.position !== table.length) throw new CanonicalTableError(`text after the ${count} rows the head announces`);
  return data;
}
