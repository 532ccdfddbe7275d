/** Workbook ingestion: parsing uploads into funds or problems, the template, and writing workbooks. */
export type { ParsedFund } from './assemble.js';
export { IngestInvariantError } from './errors.js';
export {
  CSV_COLUMNS,
  DATA_COLUMNS,
  DATA_SHEET,
  DEFAULT_MAX_WORKBOOK_BYTES,
  FUND_COLUMNS,
  FUNDS_SHEET,
  ROW_TYPES,
  type RowType,
} from './layout.js';
export { type ParseOptions, type ParsePhase, type ParseResult, type PhaseListener, parseWorkbook, parseWorkbookFile } from './parseWorkbook.js';
export { type Problem, type ProblemCode, formatProblem } from './problems.js';
export { TEMPLATE_INSTRUCTIONS, writeTemplate } from './template.js';
export { type DatedRow, type ExtraSheet, type WorkbookFormat, datedRows, writeFundsWorkbook } from './writeWorkbook.js';
export { ParserPool, type ParserPoolOptions } from './parserPool.js';
export { type ReadFund, type ReadResult, type WorkbookReader, readUpload } from './readUpload.js';
