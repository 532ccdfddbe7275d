/** Reads the paper's Case-0 CSV files from a folder (e.g. test/fixtures/reference/bgg-case0). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CASE0_FILES, parseCase0, type Case0Texts, type FundInput } from '../../sampler/navcast/index.js';

/** The Case-0 fund input and its true value path from the CSVs in `dir`. */
export async function readCase0(dir: string): Promise<{ input: FundInput; trueValue: number[] }> {
  const entries = await Promise.all(CASE0_FILES.map(async (name) => [name, await readFile(join(dir, `Case0_${name}.csv`), 'utf8')] as const));
  return parseCase0(Object.fromEntries(entries) as Case0Texts);
}

/** The Case-0 fund input only. */
export async function loadCase0(dir: string): Promise<FundInput> {
  return (await readCase0(dir)).input;
}
