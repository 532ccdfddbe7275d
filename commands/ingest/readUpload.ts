/**
 * A workbook read for the upload command: parsed (parseWorkbook), and each fund's canonical
 * table and data hash computed, which for a large fund is most of the CPU time left after
 * parsing. It is the unit of work the parser pool runs off the event loop.
 */
import { canonicalFundTable, dataHashOfTable } from '../../domain/identity/index.js';
import type { ParsedFund } from './assemble.js';
import { type ParseOptions, parseWorkbook } from './parseWorkbook.js';
import type { Problem } from './problems.js';

/**
 * A parsed fund as the upload command needs it: its name and its canonical table (the data
 * hash's input and the series its version event carries). The rows themselves stay behind:
 * handing 150,000 row objects from a worker back to the event loop would cost it 250 ms.
 */
export interface ReadFund {
  readonly name: string;
  readonly declaredAt: ParsedFund['declaredAt'];
  readonly series: string;
  readonly dataHash: string;
}

export type ReadResult = { readonly ok: true; readonly funds: readonly ReadFund[] } | { readonly ok: false; readonly problems: readonly Problem[] };

/** Reads one workbook: readUpload in this thread, or a ParserPool's `read`. */
export type WorkbookReader = (bytes: Uint8Array, fileName: string, options?: ParseOptions) => Promise<ReadResult>;

/** Parses `bytes` and canonicalises every fund; a rejected workbook gives its problems. */
export const readUpload: WorkbookReader = async (bytes, fileName, options = {}) => {
  const parsed = await parseWorkbook(bytes, fileName, options);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    funds: parsed.funds.map((fund) => {
      const series = canonicalFundTable(fund.data);
      return { name: fund.name, declaredAt: fund.declaredAt, series, dataHash: dataHashOfTable(series) };
    }),
  };
};
