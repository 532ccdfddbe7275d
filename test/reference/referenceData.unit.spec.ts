/**
 * The reference data under test/fixtures/reference (PROVENANCE.md) is exactly what was
 * brought in: every file listed in SHA256SUMS hashes to its sum, and no file is there
 * unlisted. Its tests compare NAVcast against these bytes, so they must not drift.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));
const NOT_DATA = new Set(['PROVENANCE.md', 'SHA256SUMS']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
}

const listed = new Map(
  readFileSync(join(root, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [sum, path] = line.split(/\s+/);
      return [path.replace(/^\.\//, ''), sum] as const;
    }),
);

describe('reference data', () => {
  it('lists every file of the folder, and only those', () => {
    const present = files(root)
      .map((path) => relative(root, path).split(sep).join('/'))
      .filter((path) => !NOT_DATA.has(path))
      .sort();
    expect(present).toEqual([...listed.keys()].sort());
    expect(present.length).toBeGreaterThan(40);
  });

  it.each([...listed])('%s has the SHA-256 it was brought in with', (path, sum) => {
    expect(
      createHash('sha256')
        .update(readFileSync(join(root, path)))
        .digest('hex'),
    ).toBe(sum);
  });
});
