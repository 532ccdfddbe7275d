/**
 * The canonical table of a fund's data and its data_hash. The format is fixed: changing any
 * byte changes every fund's data hash and so makes re-uploads look like new versions.
 *
 * Text (UTF-8, every line ends with "\n"):
 *   navcast-fund-data/v1
 *   attributes,1,4                                      <- table name, rows, columns
 *   commitment,currency,strategy,vintage                <- columns sorted by name
 *   <one CSV line>
 *   rows,N,6
 *   amount,date,kind,liquidating,published_date,source
 *   <N CSV lines, sorted; see rowSortKey>
 * Cells: numbers in plain decimal (shortest round-trip digits, no exponent, no "-0"),
 * booleans true/false, absent values empty, strings NFC; a cell is quoted ("" for ") only
 * when it holds a comma, quote, CR or LF. The fund's name is not part of the data.
 */
import { sha256HexOfText } from '../events/canonical.js';
import type { FundData } from '../funds/fundData.js';

/** Plain decimal text of a finite number: the digits of Number#toString without an exponent. */
export function canonicalNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`canonical number must be finite, got ${value}`);
  if (value === 0) return '0';
  const text = String(value);
  if (!text.includes('e')) return text;
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign, lead, fraction = '', exponentText] = match;
  const digits = lead + fraction;
  const point = 1 + Number(exponentText); // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** True for printable ASCII without comma or quote: such text is its own NFC form and needs no quotes. */
function isPlainCell(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126 || c === 34 || c === 44) return false;
  }
  return true;
}

function csvCell(cell: string): string {
  if (isPlainCell(cell)) return cell;
  const text = cell.normalize('NFC');
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}

const ROW_COLUMNS = ['amount', 'date', 'kind', 'liquidating', 'published_date', 'source'] as const;

/** One row's cells as text (one object shape for every row kind). */
interface CanonicalRow {
  readonly amount: string;
  readonly date: string;
  readonly kind: string;
  readonly liquidating: string;
  readonly published_date: string;
  readonly source: string;
}

/** Rows sort by date, kind, published date, source, liquidating, then amount, as text. */
const SORT_ORDER = ['date', 'kind', 'published_date', 'source', 'liquidating', 'amount'] as const;

function compareRows(a: CanonicalRow, b: CanonicalRow): number {
  // Field by field without building key arrays: this runs n log n times per fund.
  for (const column of SORT_ORDER) {
    const x = a[column];
    const y = b[column];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function row(amount: number, date: string, kind: string, liquidating: string, published: string, source: string): CanonicalRow {
  return { amount: canonicalNumber(amount), date, kind, liquidating, published_date: published, source };
}

function canonicalRows(data: FundData): CanonicalRow[] {
  const rows: CanonicalRow[] = [];
  for (const c of data.contributions) rows.push(row(c.amount, c.date, 'contribution', '', '', ''));
  for (const d of data.distributions) rows.push(row(d.amount, d.date, 'distribution', String(d.liquidating), '', ''));
  for (const n of data.navs) rows.push(row(n.amount, n.valueDate, 'nav', '', n.publishedDate ?? '', ''));
  for (const p of data.prices) rows.push(row(p.amount, p.date, 'price', '', '', p.source.normalize('NFC')));
  return rows.sort(compareRows);
}

function rowLine(r: CanonicalRow): string {
  return `${csvCell(r.amount)},${csvCell(r.date)},${csvCell(r.kind)},${csvCell(r.liquidating)},${csvCell(r.published_date)},${csvCell(r.source)}\n`;
}

/** The canonical table text of a fund's data (see the module comment). */
export function canonicalFundTable(data: FundData): string {
  const { commitment, currency, strategy, vintage } = data.attributes;
  const rows = canonicalRows(data);
  let text = `navcast-fund-data/v1\nattributes,1,4\n${csvLine(['commitment', 'currency', 'strategy', 'vintage'])}`;
  text += csvLine([canonicalNumber(commitment), currency, strategy, canonicalNumber(vintage)]);
  text += `rows,${rows.length},${ROW_COLUMNS.length}\n${csvLine(ROW_COLUMNS)}`;
  for (const r of rows) text += rowLine(r);
  return text;
}

/** data_hash of a canonical table's text: lowercase hex SHA-256 of its UTF-8. */
export function dataHashOfTable(table: string): string {
  return sha256HexOfText(table);
}

/** data_hash: lowercase hex SHA-256 of the UTF-8 canonical table. */
export function dataHash(data: FundData): string {
  return dataHashOfTable(canonicalFundTable(data));
}
