/**
 * The fast path for CSV uploads: reads a well-formed file straight from its text into
 * typed arrays, without a cell object, a zod parse or a problem object per row. It accepts
 * only what the reference path (readCsv, sheets, records, assemble) accepts and gives the
 * same funds; at the first thing the reference path would report it returns null, and the
 * reference path then runs from the start and words every problem. Cell readers are the
 * reference ones, run once per distinct text; only plain amounts are read in place.
 */
import { type FundAttributes, MAX_AMOUNT } from '../../domain/funds/index.js';
import type { ParsedFund } from './assemble.js';
import { type Cell, EMPTY_CELL } from './cells.js';
import { CompactRows, type CompactFund, KIND_DISTRIBUTION, KIND_NAV, KIND_PRICE, assembleCompact } from './compactRows.js';
import { CsvCursor } from './csvCursor.js';
import { type Read, readDate, readOptionalDate } from './dates.js';
import { choiceKey, readAmount, readText, readYesNo } from './fields.js';
import { type SheetColumns, mapColumns } from './headers.js';
import { CSV_COLUMNS, CSV_OPTIONAL_COLUMNS, type CsvColumn, ROW_TYPES } from './layout.js';
import type { ProblemSink } from './problems.js';
import { RowReader, readAttributes } from './records.js';

const textCell = (text: string): Cell => (text === '' ? EMPTY_CELL : { kind: 'text', text });

/** A reference reader run once per distinct cell text (readers are pure). */
function memo<T>(read: (cell: Cell) => Read<T>): (text: string) => Read<T> {
  const known = new Map<string, Read<T>>();
  return (text) => {
    let result = known.get(text);
    if (result === undefined) {
      if (known.size >= 100_000) known.clear(); // bounded for hostile files; rereading is only slower
      result = read(textCell(text));
      known.set(text, result);
    }
    return result;
  };
}

/** yyyymmdd of an ISO date text, ordered like the text. */
const dateKey = (iso: string) => Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));

const ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

/** yyyymmdd of text[at, at + 10) when it is shaped DDDD-DD-DD, else -1 (validity is the reader's). */
function isoKeyAt(text: string, at: number): number {
  if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45) return -1;
  let key = 0;
  for (const i of ISO_DIGITS) {
    const digit = text.charCodeAt(at + i) - 48;
    if (digit < 0 || digit > 9) return -1;
    key = key * 10 + digit;
  }
  return key;
}

/** A plain decimal (digits, at most one dot, at most 15 digits) read in place; NaN otherwise. */
function plainAmount(text: string, start: number, end: number): number {
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  // Both operands are exact (< 2^53 and 10^k, k <= 15), so the quotient is the correctly rounded decimal, as Number(text) gives.
  return decimals > 0 ? mantissa / 10 ** decimals : mantissa;
}

const countingSink = () => {
  const sink = { problems: 0, add: () => void sink.problems++ } satisfies ProblemSink & { problems: number };
  return sink;
};

/** Reads a CSV upload on the fast path: the funds, or null where the reference path must run. */
export function fastCsvFunds(text: string, sheet: string): ParsedFund[] | null {
  const cursor = new CsvCursor(text);
  if (!cursor.next()) return null;
  const sink = countingSink();
  const header = { number: cursor.record, cells: Array.from({ length: cursor.count }, (_, c) => textCell(cursor.field(c))) };
  const columns = mapColumns<CsvColumn>({ name: sheet, rows: [header] }, CSV_COLUMNS, CSV_OPTIONAL_COLUMNS, sink);
  if (columns === null || sink.problems > 0) return null;
  const reader = new CsvRowReader(cursor, columns);
  while (cursor.next()) if (!reader.readRow()) return null;
  if (cursor.malformed) return null;
  return assembleCompact(reader.rows, reader.funds, sheet);
}

const ATTRIBUTE_COLUMNS = ['currency', 'commitment', 'vintage', 'strategy'] as const;

class CsvRowReader {
  readonly rows = new CompactRows();
  readonly funds: CompactFund[] = [];
  private readonly fundIndex = new Map<string, number>();
  private readonly col: Record<CsvColumn, number>;
  private readonly attributeColumns: readonly number[];
  private readonly fundName = memo(readText);
  private readonly type = memo((cell) => readText(cell));
  private readonly date = memo((cell) => readDate(cell, false));
  private readonly published = memo((cell) => readOptionalDate(cell, false));
  private readonly sourceText = memo(readText);
  private readonly yesNo = memo(readYesNo);
  private readonly attributesByText = new Map<string, FundAttributes | null>();
  private readonly sourceIndex = new Map<string, number>();
  /** Date keys of plain YYYY-MM-DD texts already read (the text's key is the date's key when valid). */
  private readonly dateByKey = new Map<number, number>();
  private lastFund = { text: '\u0000', index: -1 };
  private lastAttributes = { texts: ['\u0000', '', '', ''], value: null as FundAttributes | null };

  constructor(
    private readonly cursor: CsvCursor,
    private readonly columns: SheetColumns<CsvColumn>,
  ) {
    this.col = Object.fromEntries(CSV_COLUMNS.map((c) => [c, columns.index.get(c) ?? 1e9])) as Record<CsvColumn, number>;
    this.attributeColumns = ATTRIBUTE_COLUMNS.map((field) => this.col[field]);
  }

  /** Reads the current record into the rows; false when the reference path must take over. */
  readRow(): boolean {
    const attributes = this.attributes();
    const fund = this.fund(attributes);
    const kind = this.kind();
    const date = this.requiredDate();
    const amount = this.amount();
    const published = this.cursor.isEmpty(this.col.published_date) ? 0 : this.dateOf(this.published(this.cursor.field(this.col.published_date)));
    const source = this.source();
    const liquidating = this.cursor.isEmpty(this.col.liquidating) ? false : this.value(this.yesNo(this.cursor.field(this.col.liquidating)));
    if (attributes === null || fund < 0 || kind < 0 || date <= 0 || published < 0 || source < -1 || liquidating === null || Number.isNaN(amount)) return false;
    // The row rules of records.ts readDatedRecord: any of them is a problem there.
    if (published !== 0 && (kind !== KIND_NAV || published < date)) return false;
    if ((kind === KIND_PRICE) !== source >= 0) return false;
    if (liquidating && kind !== KIND_DISTRIBUTION) return false;
    this.rows.add(fund, kind, date, amount, published, source, liquidating, this.cursor.record);
    return true;
  }

  /**
   * The date key of the row's date, -1 for a problem. A plain YYYY-MM-DD field is keyed in
   * place (no text cut out); each distinct key is read by the reference reader once.
   */
  private requiredDate(): number {
    const column = this.col.date;
    const start = this.cursor.plainStart(column);
    const key = start >= 0 && this.cursor.plainEnd(column) - start === 10 ? isoKeyAt(this.cursor.source, start) : -1;
    if (key < 0) return this.dateOf(this.date(this.cursor.field(column)));
    let known = this.dateByKey.get(key);
    if (known === undefined) {
      known = this.dateOf(this.date(this.cursor.field(column)));
      this.dateByKey.set(key, known);
    }
    return known;
  }

  private value<T>(read: Read<T>): T | null {
    return read.ok ? read.value : null;
  }

  /** The date key of a read date, 0 for an empty optional one, -1 for a problem. */
  private dateOf(read: Read<string | null>): number {
    if (!read.ok) return -1;
    if (read.value === null) return 0;
    const key = dateKey(read.value);
    if (!this.rows.dateText.has(key)) this.rows.dateText.set(key, read.value);
    return key;
  }

  private kind(): number {
    const column = this.col.type;
    for (let k = 0; k < ROW_TYPES.length; k++) if (this.cursor.fieldIs(column, ROW_TYPES[k])) return k;
    const text = this.value(this.type(this.cursor.field(column)));
    return text === null ? -1 : ROW_TYPES.indexOf(choiceKey(text) as (typeof ROW_TYPES)[number]);
  }

  private amount(): number {
    const start = this.cursor.plainStart(this.col.amount);
    if (start >= 0) {
      const value = plainAmount(this.cursor.source, start, this.cursor.plainEnd(this.col.amount));
      if (value < MAX_AMOUNT) return value;
    }
    const read = readAmount(textCell(this.cursor.field(this.col.amount)));
    return read.ok ? read.value : Number.NaN;
  }

  /** Index of the row's source, -1 when it has none, -2 for a problem. */
  private source(): number {
    if (this.cursor.isEmpty(this.col.source)) return -1;
    const read = this.sourceText(this.cursor.field(this.col.source));
    if (!read.ok) return -2;
    if (read.value === null) return -1;
    let index = this.sourceIndex.get(read.value);
    if (index === undefined) {
      index = this.rows.sources.push(read.value) - 1;
      this.sourceIndex.set(read.value, index);
    }
    return index;
  }

  /** The row's fund attributes (reused while the four cells repeat), null for a problem. */
  private attributes(): FundAttributes | null {
    const last = this.lastAttributes;
    const [currency, commitment, vintage, strategy] = this.attributeColumns;
    const cursor = this.cursor;
    if (cursor.fieldIs(currency, last.texts[0]) && cursor.fieldIs(commitment, last.texts[1]) && cursor.fieldIs(vintage, last.texts[2]) && cursor.fieldIs(strategy, last.texts[3])) {
      return last.value;
    }
    const texts = this.attributeColumns.map((column) => cursor.field(column));
    const key = texts.join('\u0000');
    let value = this.attributesByText.get(key);
    if (value === undefined) {
      const sink = countingSink();
      const cells: Cell[] = [];
      this.attributeColumns.forEach((column, i) => (cells[column] = textCell(texts[i])));
      const read = readAttributes(new RowReader(this.columns, { number: cursor.record, cells }, sink));
      value = read === undefined || sink.problems > 0 ? null : read;
      this.attributesByText.set(key, value);
    }
    this.lastAttributes = { texts, value };
    return value;
  }

  /** The row's fund index (declared by its first row), -1 for a problem or a conflict with that row. */
  private fund(attributes: FundAttributes | null): number {
    let index = this.lastFund.index;
    if (!this.cursor.fieldIs(this.col.fund, this.lastFund.text)) {
      const text = this.cursor.field(this.col.fund);
      const name = this.value(this.fundName(text));
      if (name === null || attributes === null) return -1;
      index = this.fundIndex.get(name) ?? this.declare(name, attributes);
      this.lastFund = { text, index };
    }
    const declared = this.funds[index]?.attributes;
    if (declared === undefined || attributes === null) return -1;
    const same = declared === attributes || ATTRIBUTE_COLUMNS.every((field) => String(declared[field]) === String(attributes[field]));
    return same ? index : -1;
  }

  private declare(name: string, attributes: FundAttributes): number {
    this.fundIndex.set(name, this.funds.length);
    this.funds.push({ name, row: this.cursor.record, attributes });
    return this.funds.length - 1;
  }
}
