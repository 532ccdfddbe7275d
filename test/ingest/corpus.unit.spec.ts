import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Problem, parseWorkbook } from '../../commands/ingest/index.js';

/** Expected problems per file, written by hand in test/fixtures/workbooks/corpus*.ts. */
interface ManifestEntry {
  file: string;
  about: string;
  options: { maxBytes?: number };
  problems: Problem[];
}
const folder = new URL('../fixtures/workbooks/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', folder), 'utf8')) as ManifestEntry[];

describe('malformed workbook corpus', () => {
  it('lists every corpus file in the manifest and nothing else', () => {
    const files = readdirSync(folder).filter((name) => /\.(xlsx|xls|csv)$/.test(name));
    expect(manifest.map((entry) => entry.file).sort()).toEqual(files.sort());
  });

  it.each(manifest.map((entry) => [entry.file, entry] as const))('%s: rejected whole, with exactly the expected problems', async (file, entry) => {
    const result = await parseWorkbook(readFileSync(new URL(file, folder)), file, entry.options);
    expect(result.ok).toBe(false);
    expect('funds' in result).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual(entry.problems);
  });
});
