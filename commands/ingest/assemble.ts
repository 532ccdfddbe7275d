/**
 * Checks across rows and builds each fund's data: funds listed once and known, one
 * currency per fund, no repeated rows, one NAV per value date, nothing dated before the
 * first contribution, at most one liquidating distribution.
 */
import { FundData, type NamedFundData } from '../../domain/funds/index.js';
import { IngestInvariantError } from './errors.js';
import { columnOf } from './headers.js';
import { type ProblemCode, type ProblemList, type ProblemSink, columnLetter } from './problems.js';
import type { DatedRecord, FundDeclaration, RowLocation } from './records.js';
import type { WorkbookRecords } from './sheets.js';

/** A fund read from a workbook, with the row that declared it. */
export interface ParsedFund extends NamedFundData {
  readonly declaredAt: RowLocation;
}

type Report = (at: RowLocation, field: string | null, code: ProblemCode, message: string) => void;

function reporter(read: WorkbookRecords, problems: ProblemSink): Report {
  return (at, field, code, message) => {
    const columns = read.columns.get(at.sheet);
    const index = field === null || columns === undefined ? -1 : columnOf(columns, field);
    problems.add({ code, sheet: at.sheet, row: at.row, column: index === -1 ? null : columnLetter(index), field, message });
  };
}

function rowKey(r: DatedRecord): string {
  return `${r.type}\u0000${r.date}\u0000${r.amount}\u0000${r.publishedDate ?? ''}\u0000${r.source ?? ''}\u0000${r.liquidating}`;
}

function checkFundRows(fund: FundDeclaration, rows: readonly DatedRecord[], damaged: boolean, report: Report): void {
  const seen = new Map<string, DatedRecord>();
  const navs = new Map<string, DatedRecord>();
  let liquidating: DatedRecord | undefined;
  let firstContribution: string | undefined;
  for (const r of rows) {
    if (r.type === 'contribution' && (firstContribution === undefined || r.date < firstContribution)) firstContribution = r.date;
  }
  for (const r of rows) {
    if (r.currency !== null && r.currency !== fund.attributes.currency) {
      report(
        r,
        'currency',
        'currency_mixed',
        `this row is in ${r.currency} but the fund's currency is ${fund.attributes.currency} (${fund.sheet} row ${fund.row}): all amounts of a fund must be in one currency`,
      );
    }
    const key = rowKey(r);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report(r, null, 'row_duplicate', `this row repeats row ${earlier.row} (same fund, type, date and amount): remove one of them`);
      continue;
    }
    seen.set(key, r);
    if (r.type === 'nav') {
      const other = navs.get(r.date);
      if (other !== undefined) report(r, 'amount', 'nav_conflict', `row ${other.row} gives a different NAV (${other.amount}) for the same value date ${r.date}: keep only the correct one`);
      else navs.set(r.date, r);
    }
    if (r.liquidating) {
      if (liquidating !== undefined)
        report(r, 'liquidating', 'liquidating_repeated', `row ${liquidating.row} is already the liquidating (final) distribution: only one distribution can be marked liquidating`);
      else liquidating = r;
    }
    if (!damaged && firstContribution !== undefined && r.date < firstContribution) {
      report(
        r,
        'date',
        'dated_before_first_contribution',
        `this ${r.type === 'nav' ? 'NAV' : r.type} is dated ${r.date}, before the fund's first contribution on ${firstContribution}: correct the date or add the missing contribution`,
      );
    }
  }
  if (!damaged && rows.length === 0) {
    report(fund, 'fund', 'fund_without_rows', `the fund "${fund.name}" has no rows on the data sheet: add its contributions, distributions and NAVs, or remove it`);
  } else if (!damaged && firstContribution === undefined) {
    report(fund, 'fund', 'fund_without_contributions', `the fund "${fund.name}" has no contribution rows: its history must start with its first capital call`);
  }
}

function fundData(fund: FundDeclaration, rows: readonly DatedRecord[]): FundData {
  const data: FundData = { attributes: fund.attributes, contributions: [], distributions: [], navs: [], prices: [] };
  for (const r of [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row))) {
    if (r.type === 'contribution') data.contributions.push({ date: r.date, amount: r.amount });
    else if (r.type === 'distribution') data.distributions.push({ date: r.date, amount: r.amount, liquidating: r.liquidating });
    else if (r.type === 'nav') data.navs.push({ valueDate: r.date, publishedDate: r.publishedDate, amount: r.amount });
    else data.prices.push({ date: r.date, amount: r.amount, source: r.source ?? '' });
  }
  // The readers enforce every rule FundData states; a failure here is a bug, not a user error.
  const checked = FundData.safeParse(data);
  if (!checked.success) throw new IngestInvariantError(`fund ${fund.name}: parsed data breaks FundData: ${checked.error.message}`);
  return checked.data;
}

/** Runs the checks across rows; returns the funds in declaration order, or none when any problem was reported. */
export function assembleFunds(read: WorkbookRecords, problems: ProblemList): ParsedFund[] {
  const report = reporter(read, problems);
  const funds = new Map<string, FundDeclaration>();
  const byLowerName = new Map<string, string>();
  for (const declaration of read.declarations) {
    const first = funds.get(declaration.name);
    if (first !== undefined) {
      report(declaration, 'fund', 'fund_duplicate', `the fund "${declaration.name}" is already listed on row ${first.row}: list each fund once`);
      continue;
    }
    funds.set(declaration.name, declaration);
    byLowerName.set(declaration.name.toLowerCase(), declaration.name);
  }
  const rowsByFund = new Map<string, DatedRecord[]>([...funds.keys()].map((name) => [name, []]));
  for (const record of read.records) {
    const rows = rowsByFund.get(record.fund);
    if (rows !== undefined) {
      rows.push(record);
      continue;
    }
    // A fund whose own Funds row has problems: those are reported; its rows are not "unknown".
    if (read.listedFunds.has(record.fund)) continue;
    const near = byLowerName.get(record.fund.toLowerCase());
    report(
      record,
      'fund',
      'fund_unknown',
      `the fund "${record.fund}" is not listed on the Funds sheet${near === undefined ? '' : ` (did you mean "${near}"?)`}: add it there with its currency, commitment, vintage and strategy, or correct the name`,
    );
  }
  if (funds.size === 0 && read.damagedFunds.size === 0) {
    problems.add({ code: 'no_funds', sheet: null, row: null, column: null, field: null, message: 'the workbook lists no funds: fill in the template and upload again' });
  }
  for (const [name, declaration] of funds) checkFundRows(declaration, rowsByFund.get(name) ?? [], read.damagedFunds.has(name), report);
  if (!problems.isEmpty) return [];
  return [...funds].map(([name, declaration]) => ({
    name,
    data: fundData(declaration, rowsByFund.get(name) ?? []),
    declaredAt: { sheet: declaration.sheet, row: declaration.row },
  }));
}
