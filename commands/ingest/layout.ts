/**
 * The workbook layout (docs/workbook-format.md): which sheets and columns a workbook has.
 * Header names are matched after trimming, case-insensitively; column order is free.
 */

/** Sheet holding one row per fund (XLSX). */
export const FUNDS_SHEET = 'Funds';
/** Sheet holding the dated rows of every fund (XLSX). */
export const DATA_SHEET = 'Data';

/** Columns of the Funds sheet. */
export const FUND_COLUMNS = ['fund', 'currency', 'commitment', 'vintage', 'strategy'] as const;
/** Columns of the Data sheet; `currency` there is optional and must match the fund's. */
export const DATA_COLUMNS = ['fund', 'date', 'type', 'amount', 'currency', 'published_date', 'source', 'liquidating'] as const;
/** Columns of a CSV file: the fund's attributes repeated on every dated row. */
export const CSV_COLUMNS = ['fund', 'currency', 'commitment', 'vintage', 'strategy', 'date', 'type', 'amount', 'published_date', 'source', 'liquidating'] as const;

/** A column a workbook may carry for people's notes; its content is ignored. */
export const NOTES_COLUMN = 'notes';

export type FundColumn = (typeof FUND_COLUMNS)[number];
export type DataColumn = (typeof DATA_COLUMNS)[number];
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns that may be left out of the header entirely. */
export const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set(['currency', 'published_date', 'source', 'liquidating']);
/** In CSV every fund attribute is on every row, so currency is required there. */
export const CSV_OPTIONAL_COLUMNS: ReadonlySet<string> = new Set(['published_date', 'source', 'liquidating']);

/** Row types of the Data sheet (and CSV), as written in the `type` column. */
export const ROW_TYPES = ['contribution', 'distribution', 'nav', 'price'] as const;
export type RowType = (typeof ROW_TYPES)[number];

/** Default upload size limit in bytes (20 MiB); checked before any parsing. */
export const DEFAULT_MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;
