/**
 * Every source folder says what it holds and what it may import (docs/architecture.md,
 * "Layers"): a README.md beside its code that names its allowed imports.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAYERS = ['domain', 'commands', 'projections', 'read-models', 'sampler', 'web', 'addin', 'ops'];

/** Folders under a layer that hold at least one non-spec TypeScript file. */
function sourceFolders(dir: string, out: string[] = []): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.includes('.spec.'))) out.push(relative(root, dir));
  for (const e of entries) if (e.isDirectory() && e.name !== 'node_modules') sourceFolders(join(dir, e.name), out);
  return out;
}

describe('folder READMEs', () => {
  const folders = LAYERS.filter((l) => existsSync(join(root, l))).flatMap((l) => sourceFolders(join(root, l)));

  it('finds the source folders', () => {
    expect(folders).toContain('sampler/nuts');
    expect(folders).toContain('web/services');
  });

  it('gives every source folder a README that says what it may import', () => {
    const lacking = folders.filter((f) => {
      const readme = join(root, f, 'README.md');
      return !existsSync(readme) || !/may import/i.test(readFileSync(readme, 'utf8'));
    });
    expect(lacking).toEqual([]);
  });
});
