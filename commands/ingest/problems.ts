/**
 * Problems found in an uploaded workbook. Each names where it is (sheet, row, column and
 * the column's header) and says what to change, in words a finance user can act on. A
 * workbook with any problem is rejected whole.
 */

/** Stable machine codes of workbook problems. */
export type ProblemCode =
  | 'file_too_large'
  | 'file_too_complex'
  | 'file_unreadable'
  | 'file_type_unsupported'
  | 'sheet_missing'
  | 'header_missing'
  | 'column_missing'
  | 'column_unknown'
  | 'column_duplicate'
  | 'value_missing'
  | 'value_wrong_type'
  | 'value_not_allowed'
  | 'excel_error'
  | 'formula_without_value'
  | 'date_invalid'
  | 'date_ambiguous'
  | 'amount_not_numeric'
  | 'amount_negative'
  | 'amount_too_large'
  | 'currency_unknown'
  | 'currency_mixed'
  | 'attribute_conflict'
  | 'fund_duplicate'
  | 'fund_unknown'
  | 'fund_without_rows'
  | 'fund_without_contributions'
  | 'row_duplicate'
  | 'nav_conflict'
  | 'dated_before_first_contribution'
  | 'liquidating_repeated'
  | 'no_funds'
  | 'too_many_problems';

/** One problem. `row` is the spreadsheet row number (header = 1); `column` a letter (A, B, ...). */
export interface Problem {
  readonly code: ProblemCode;
  readonly sheet: string | null;
  readonly row: number | null;
  readonly column: string | null;
  /** The header of `column` as the workbook's layout names it (e.g. "amount"). */
  readonly field: string | null;
  readonly message: string;
}

/** Spreadsheet column letters of a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** One line for people: `Data!D7 (amount): message`, or just the message for whole-file problems. */
export function formatProblem(problem: Problem): string {
  if (problem.sheet === null) return problem.message;
  const cell = problem.row === null ? '' : `${problem.column ?? ''}${problem.row}`;
  const where = cell === '' ? `sheet ${problem.sheet}` : `${problem.sheet}!${cell}`;
  return `${where}${problem.field === null ? '' : ` (${problem.field})`}: ${problem.message}`;
}

/** A problem that concerns the whole file. */
export function fileProblem(code: ProblemCode, message: string): Problem {
  return { code, sheet: null, row: null, column: null, field: null, message };
}

/** Where readers put the problems they find. */
export interface ProblemSink {
  add(problem: Problem): void;
}

/**
 * Collects problems. Past `limit` it keeps counting but stores no more, so a file with one
 * systematic mistake on 100 000 rows gives a readable list; `finish` then appends one
 * too_many_problems entry with the count left out.
 */
export class ProblemList implements ProblemSink {
  private readonly items: Problem[] = [];
  private omitted = 0;

  constructor(private readonly limit: number) {}

  add(problem: Problem): void {
    if (this.items.length < this.limit) this.items.push(problem);
    else this.omitted++;
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** The problems in sheet order (as given), then by row and column. */
  finish(sheetOrder: readonly string[]): Problem[] {
    const rank = (sheet: string | null) => (sheet === null ? -1 : sheetOrder.indexOf(sheet));
    const sorted = [...this.items].sort(
      (a, b) => rank(a.sheet) - rank(b.sheet) || (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? ''),
    );
    if (this.omitted > 0) {
      sorted.push(fileProblem('too_many_problems', `${this.omitted} more problems are not listed; fix the ones above (they often repeat) and upload again`));
    }
    return sorted;
  }
}
