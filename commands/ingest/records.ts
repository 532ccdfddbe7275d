/**
 * Turns sheet rows into fund declarations and dated records, reading every cell of a row
 * and reporting each unreadable one (so one upload shows all problems at once).
 * Value sets come from the domain's zod schemas (currency codes, strategies, vintages).
 */
import { z } from 'zod';
import { CurrencyCode, FUND_STRATEGIES, FundAttributes, FundStrategy } from '../../domain/funds/index.js';
import { type Cell, type SheetRow, mergeHiding } from './cells.js';
import { type Read, readDate, readOptionalDate } from './dates.js';
import { choiceKey, readAmount, readText, readWholeNumber, readYesNo } from './fields.js';
import { type SheetColumns, columnOf, fieldCell } from './headers.js';
import { ROW_TYPES, type RowType } from './layout.js';
import { type ProblemCode, type ProblemSink, columnLetter } from './problems.js';

/** A spreadsheet row a value came from. */
export interface RowLocation {
  readonly sheet: string;
  readonly row: number;
}

/** A fund as declared (Funds sheet row, or the first CSV row of the fund). */
export interface FundDeclaration extends RowLocation {
  readonly name: string;
  readonly attributes: FundAttributes;
}

/** One dated row of a fund. */
export interface DatedRecord extends RowLocation {
  readonly fund: string;
  readonly type: RowType;
  readonly date: string;
  readonly amount: number;
  /** The currency written on the row, when the sheet has the column and it is filled. */
  readonly currency: string | null;
  readonly publishedDate: string | null;
  readonly source: string | null;
  readonly liquidating: boolean;
}

const RowTypeSchema = z.enum(ROW_TYPES);
const VintageSchema = FundAttributes.shape.vintage;

/** Reads fields of one row, reporting failures at the field's cell; `failed` tells whether any did. */
export class RowReader<F extends string> {
  failed = false;

  constructor(
    private readonly columns: SheetColumns<F>,
    private readonly row: SheetRow,
    private readonly problems: ProblemSink,
  ) {}

  /** Reports a problem at `field` of this row. */
  report(field: F, code: ProblemCode, message: string): void {
    this.failed = true;
    const column = columnOf(this.columns, field);
    const merge = code === 'value_missing' && column !== -1 ? mergeHiding(this.columns, this.row.number, column) : undefined;
    const said =
      merge === undefined
        ? message
        : `${message}: this cell is part of the merged cells ${merge.ref}, and a merge keeps its value only in its first cell (${columnLetter(merge.firstColumn)}${merge.firstRow}); unmerge the cells and fill in every row`;
    this.problems.add({ code, sheet: this.columns.sheet, row: this.row.number, column: column === -1 ? null : columnLetter(column), field, message: said });
  }

  read<T>(field: F, reader: (cell: Cell) => Read<T>): T | undefined {
    const result = reader(fieldCell(this.columns, this.row, field));
    if (result.ok) return result.value;
    this.report(field, result.code, result.message);
    return undefined;
  }

  /** Reads required text. */
  text(field: F, what: string): string | undefined {
    const value = this.read(field, readText);
    if (value === null) this.report(field, 'value_missing', `${what} is required here`);
    return value ?? undefined;
  }

  /** Checks a value against a zod schema; `message` explains a refusal. */
  check<T>(field: F, value: unknown, schema: z.ZodType<T>, code: ProblemCode, message: string): T | undefined {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    this.report(field, code, message);
    return undefined;
  }
}

type AttributeField = 'currency' | 'commitment' | 'vintage' | 'strategy';

/** Reads and validates a fund's currency, commitment, vintage and strategy from a row. */
export function readAttributes<F extends string>(reader: RowReader<F | AttributeField>): FundAttributes | undefined {
  const currencyText = reader.text('currency', 'the currency (ISO 4217 code such as EUR or USD)');
  const currency =
    currencyText === undefined
      ? undefined
      : reader.check('currency', currencyText.toUpperCase(), CurrencyCode, 'currency_unknown', `"${currencyText}" is not an ISO 4217 currency code (e.g. EUR, USD, GBP)`);
  let commitment = reader.read('commitment', readAmount);
  if (commitment === 0) {
    reader.report('commitment', 'value_not_allowed', 'the commitment is 0: enter the capital committed to the fund');
    commitment = undefined;
  }
  const year = reader.read('vintage', (cell) => readWholeNumber(cell, 'vintage year'));
  const vintage = year === undefined ? undefined : reader.check('vintage', year, VintageSchema, 'value_not_allowed', `${year} is not a vintage year between 1950 and 2100`);
  const strategyText = reader.text('strategy', `the strategy (${FUND_STRATEGIES.join(', ')})`);
  const strategy =
    strategyText === undefined
      ? undefined
      : reader.check('strategy', choiceKey(strategyText), FundStrategy, 'value_not_allowed', `"${strategyText}" is not a strategy: use ${FUND_STRATEGIES.join(', ')}`);
  if (currency === undefined || commitment === undefined || vintage === undefined || strategy === undefined) return undefined;
  return { currency, commitment, vintage, strategy };
}

type DatedField = 'fund' | 'date' | 'type' | 'amount' | 'currency' | 'published_date' | 'source' | 'liquidating';

/** Reads one dated row (contribution, distribution, NAV or price) with its row-level rules. */
export function readDatedRecord<F extends string>(reader: RowReader<F | DatedField>, location: RowLocation, date1904: boolean, currencyChecked: boolean): DatedRecord | undefined {
  const fund = reader.text('fund', 'the fund name');
  const typeText = reader.text('type', 'the row type (contribution, distribution, nav or price)');
  const type =
    typeText === undefined ? undefined : reader.check('type', choiceKey(typeText), RowTypeSchema, 'value_not_allowed', `"${typeText}" is not a row type: use contribution, distribution, nav or price`);
  const date = reader.read('date', (cell) => readDate(cell, date1904));
  const amount = reader.read('amount', readAmount);
  let currency: string | null | undefined = null;
  if (!currencyChecked) {
    const text = reader.read('currency', readText);
    currency =
      text === null || text === undefined ? null : reader.check('currency', text.toUpperCase(), CurrencyCode, 'currency_unknown', `"${text}" is not an ISO 4217 currency code (e.g. EUR, USD, GBP)`);
  }
  const published = reader.read('published_date', (cell) => readOptionalDate(cell, date1904));
  const source = reader.read('source', readText);
  const liquidating = reader.read('liquidating', readYesNo);
  if (type !== undefined) {
    if (published !== null && published !== undefined && type !== 'nav') reader.report('published_date', 'value_not_allowed', 'a published date belongs only on nav rows; clear it here');
    if (published && date && published < date) reader.report('published_date', 'date_invalid', `the NAV is published on ${published}, before its value date ${date}: check both dates`);
    if (type === 'price' && source === null) reader.report('source', 'value_missing', 'a price needs its source (who quoted it, e.g. the broker or the secondary buyer)');
    if (type !== 'price' && source !== null && source !== undefined) reader.report('source', 'value_not_allowed', 'a source belongs only on price rows; move the text to a notes column');
    if (type !== 'distribution' && liquidating === true) reader.report('liquidating', 'value_not_allowed', 'only a distribution can be marked liquidating');
  }
  if (reader.failed || fund === undefined || type === undefined || date === undefined || amount === undefined || currency === undefined) return undefined;
  return { ...location, fund, type, date, amount, currency, publishedDate: published ?? null, source: source ?? null, liquidating: liquidating ?? false };
}
