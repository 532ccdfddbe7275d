/**
 * Dated rows of an upload held in typed arrays (one slot per row, nothing allocated per
 * row), and the checks across rows of assemble.ts run on them. The fast path only needs to
 * know whether any check fails: the reference path then runs and words the problems.
 */
import type { FundAttributes, FundData } from '../../domain/funds/index.js';
import type { ParsedFund } from './assemble.js';

/** Row kinds in ROW_TYPES order. */
export const KIND_CONTRIBUTION = 0;
export const KIND_DISTRIBUTION = 1;
export const KIND_NAV = 2;
export const KIND_PRICE = 3;

/** A fund as its first row declared it. */
export interface CompactFund {
  readonly name: string;
  readonly row: number;
  readonly attributes: FundAttributes;
}

/**
 * Growable columns of rows. Dates are keys yyyymmdd (ordered like the ISO text), 0 when
 * absent; `dateText` maps keys back to their ISO text. Sources are indexes into `sources`.
 */
export class CompactRows {
  length = 0;
  fund = new Int32Array(1024);
  kind = new Uint8Array(1024);
  date = new Int32Array(1024);
  published = new Int32Array(1024);
  source = new Int32Array(1024);
  liquidating = new Uint8Array(1024);
  row = new Int32Array(1024);
  amount = new Float64Array(1024);
  readonly dateText = new Map<number, string>();
  readonly sources: string[] = [];

  add(fund: number, kind: number, date: number, amount: number, published: number, source: number, liquidating: boolean, row: number): void {
    if (this.length === this.fund.length) this.grow();
    const i = this.length++;
    this.fund[i] = fund;
    this.kind[i] = kind;
    this.date[i] = date;
    this.amount[i] = amount;
    this.published[i] = published;
    this.source[i] = source;
    this.liquidating[i] = liquidating ? 1 : 0;
    this.row[i] = row;
  }

  private grow(): void {
    const size = this.fund.length * 2;
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const bigger = make(size);
      bigger.set(old);
      return bigger;
    };
    this.fund = widen(this.fund, (n) => new Int32Array(n));
    this.kind = widen(this.kind, (n) => new Uint8Array(n));
    this.date = widen(this.date, (n) => new Int32Array(n));
    this.published = widen(this.published, (n) => new Int32Array(n));
    this.source = widen(this.source, (n) => new Int32Array(n));
    this.liquidating = widen(this.liquidating, (n) => new Uint8Array(n));
    this.row = widen(this.row, (n) => new Int32Array(n));
    this.amount = widen(this.amount, (n) => new Float64Array(n));
  }
}

/** Row indexes per fund, each list sorted by date, then by row (the order fundData uses). */
function rowsByFund(rows: CompactRows, fundCount: number): Int32Array[] {
  const counts = new Int32Array(fundCount);
  for (let i = 0; i < rows.length; i++) counts[rows.fund[i]]++;
  const lists = Array.from(counts, (n) => new Int32Array(n));
  const filled = new Int32Array(fundCount);
  for (let i = 0; i < rows.length; i++) lists[rows.fund[i]][filled[rows.fund[i]]++] = i;
  return lists.map((list) => {
    let sorted = true;
    for (let k = 1; k < list.length && sorted; k++) sorted = rows.date[list[k - 1]] <= rows.date[list[k]];
    if (sorted) return list; // file order is row order, so equal dates are already by row
    return Int32Array.from([...list].sort((a, b) => rows.date[a] - rows.date[b] || rows.row[a] - rows.row[b]));
  });
}

/**
 * What makes two rows of one fund and date a row_duplicate or a nav_conflict: every NAV
 * clashes with another NAV of its date; any other row with one of its own kind, amount,
 * publication date, source and liquidating flag.
 */
function clashKey(rows: CompactRows, i: number): string {
  if (rows.kind[i] === KIND_NAV) return 'nav';
  return `${rows.kind[i]}|${rows.amount[i]}|${rows.published[i]}|${rows.source[i]}|${rows.liquidating[i]}`;
}

/**
 * True when no two rows of the date group list[start..end) clash. Linear in the group's
 * size (a set of keys), so that many rows on one date cost no more than many dates: a
 * pairwise scan made 150,000 contributions on one date take minutes.
 */
function groupIsClean(rows: CompactRows, list: Int32Array, start: number, end: number): boolean {
  if (end - start < 2) return true;
  const seen = new Set<string>();
  for (let k = start; k < end; k++) {
    const key = clashKey(rows, list[k]);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/** The checks of assemble.ts's checkFundRows on one fund's sorted rows: true when all pass. */
function passesChecks(rows: CompactRows, list: Int32Array): boolean {
  let firstContribution = 0;
  for (const i of list) {
    if (rows.kind[i] === KIND_CONTRIBUTION && (firstContribution === 0 || rows.date[i] < firstContribution)) firstContribution = rows.date[i];
  }
  if (firstContribution === 0) return false; // fund_without_contributions
  let liquidating = 0;
  let groupStart = 0;
  for (let k = 0; k < list.length; k++) {
    const i = list[k];
    if (rows.date[i] < firstContribution) return false;
    liquidating += rows.liquidating[i];
    if (rows.date[i] !== rows.date[list[groupStart]]) {
      if (!groupIsClean(rows, list, groupStart, k)) return false;
      groupStart = k;
    }
  }
  return liquidating <= 1 && groupIsClean(rows, list, groupStart, list.length);
}

function fundData(rows: CompactRows, list: Int32Array, attributes: FundAttributes): FundData {
  const data: FundData = { attributes: { ...attributes }, contributions: [], distributions: [], navs: [], prices: [] };
  const text = (key: number) => rows.dateText.get(key) as string;
  for (const i of list) {
    const date = text(rows.date[i]);
    const amount = rows.amount[i];
    switch (rows.kind[i]) {
      case KIND_CONTRIBUTION:
        data.contributions.push({ date, amount });
        break;
      case KIND_DISTRIBUTION:
        data.distributions.push({ date, amount, liquidating: rows.liquidating[i] === 1 });
        break;
      case KIND_NAV:
        data.navs.push({ valueDate: date, publishedDate: rows.published[i] === 0 ? null : text(rows.published[i]), amount });
        break;
      default:
        data.prices.push({ date, amount, source: rows.sources[rows.source[i]] });
    }
  }
  return data;
}

/** The funds in declaration order, or null when any check across rows fails. */
export function assembleCompact(rows: CompactRows, funds: readonly CompactFund[], sheet: string): ParsedFund[] | null {
  if (funds.length === 0) return null;
  const lists = rowsByFund(rows, funds.length);
  if (!lists.every((list) => passesChecks(rows, list))) return null;
  return funds.map((fund, f) => ({ name: fund.name, data: fundData(rows, lists[f], fund.attributes), declaredAt: { sheet, row: fund.row } }));
}
