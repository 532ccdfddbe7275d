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
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign, lead, fraction = '', exponentText] = match;
  const digits = lead + fraction;
  const point = 1 + Number(exponentText); // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function csvCell(cell: string): string {
  const text = cell.normalize('NFC');
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}

const ROW_COLUMNS = ['amount', 'date', 'kind', 'liquidating', 'published_date', 'source'] as const;
type CanonicalRow = Record<(typeof ROW_COLUMNS)[number], string>;

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

function canonicalRows(data: FundData): CanonicalRow[] {
  const empty = { liquidating: '', published_date: '', source: '' };
  const rows: CanonicalRow[] = [
    ...data.contributions.map((c) => ({ ...empty, kind: 'contribution', date: c.date, amount: canonicalNumber(c.amount) })),
    ...data.distributions.map((d) => ({
      ...empty,
      kind: 'distribution',
      date: d.date,
      amount: canonicalNumber(d.amount),
      liquidating: String(d.liquidating),
    })),
    ...data.navs.map((n) => ({
      ...empty,
      kind: 'nav',
      date: n.valueDate,
      amount: canonicalNumber(n.amount),
      published_date: n.publishedDate ?? '',
    })),
    ...data.prices.map((p) => ({ ...empty, kind: 'price', date: p.date, amount: canonicalNumber(p.amount), source: p.source.normalize('NFC') })),
  ];
  return rows.sort(compareRows);
}

/** The canonical table text of a fund's data (see the module comment). */
export function canonicalFundTable(data: FundData): string {
  const { commitment, currency, strategy, vintage } = data.attributes;
  const rows = canonicalRows(data);
  const parts = [
    'navcast-fund-data/v1\n',
    'attributes,1,4\n',
    csvLine(['commitment', 'currency', 'strategy', 'vintage']),
    csvLine([canonicalNumber(commitment), currency, strategy, canonicalNumber(vintage)]),
    `rows,${rows.length},${ROW_COLUMNS.length}\n`,
    csvLine(ROW_COLUMNS),
    ...rows.map((row) => csvLine(ROW_COLUMNS.map((column) => row[column]))),
  ];
  return parts.join('');
}

/** data_hash: lowercase hex SHA-256 of the UTF-8 canonical table. */
export function dataHash(data: FundData): string {
  return sha256HexOfText(canonicalFundTable(data));
}
