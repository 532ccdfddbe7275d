/**
 * The downloadable workbook template (`navcast template --out FILE`, later the portal):
 * XLSX with a "Read me" sheet and empty Funds and Data sheets that have their headers, or
 * a CSV with its header line. Filled in, it parses with parseWorkbook.
 */
import { FUND_STRATEGIES } from '../../domain/funds/index.js';
import { DATA_SHEET, FUNDS_SHEET, ROW_TYPES } from './layout.js';
import { type WorkbookFormat, writeFundsWorkbook } from './writeWorkbook.js';

/** The instructions on the template's first sheet (the full format: docs/workbook-format.md). */
export const TEMPLATE_INSTRUCTIONS: readonly string[] = [
  'NAVcast workbook template',
  '',
  `Sheet ${FUNDS_SHEET}: one row per fund.`,
  '  fund: the fund name as you want to see it (upper/lower case is kept; the same name under the same file name is the same fund).',
  "  currency: ISO 4217 code of all the fund's amounts (EUR, USD, GBP, ...).",
  '  commitment: capital committed to the fund, in its currency.',
  '  vintage: the vintage year, e.g. 2015.',
  `  strategy: one of ${FUND_STRATEGIES.join(', ')}.`,
  '',
  `Sheet ${DATA_SHEET}: one row per cash flow, reported NAV or price, any order.`,
  '  fund: a name from the Funds sheet.',
  '  date: the payment date; for a NAV its value date (e.g. the quarter end). Use Excel dates or YYYY-MM-DD text.',
  `  type: one of ${ROW_TYPES.join(', ')}.`,
  "  amount: a positive number in the fund's currency (no thousands separators, no currency symbols).",
  "  currency: optional; when filled it must be the fund's currency.",
  '  published_date: optional, nav rows only: when the NAV was published to you.',
  '  source: price rows only, required there: who quoted the secondary or third-party price.',
  '  liquidating: optional, distribution rows only: yes on the final distribution when the fund is fully realised.',
  '',
  'Rules: every fund starts with a contribution; nothing may be dated before it. Amounts are positive.',
  'Each problem is reported with its sheet, row and column, and a workbook with any problem is rejected whole.',
  'A column named notes may be added to either sheet for your own notes; it is ignored.',
];

/** Writes the template to `path` as XLSX or CSV. */
export async function writeTemplate(path: string, format: WorkbookFormat): Promise<void> {
  await writeFundsWorkbook(path, [], format, format === 'xlsx' ? [{ name: 'Read me', lines: TEMPLATE_INSTRUCTIONS }] : []);
}
