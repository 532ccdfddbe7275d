/**
 * Enforces the layering of docs/architecture.md ("Layers"): every relative import must point to a layer
 * that the importing layer may use, and domain/ may import no node:* module and no I/O
 * package. Run by `npm test` (and so by CI); exits non-zero listing every violation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Which top-level folders each layer may import from (itself always allowed). */
export const allowedImports: Record<string, readonly string[]> = {
  domain: [],
  commands: ['domain'],
  projections: ['domain', 'read-models'],
  'read-models': ['domain'],
  sampler: ['domain'],
  web: ['domain', 'commands', 'read-models'],
  addin: ['domain'],
  ops: ['domain', 'commands', 'projections', 'read-models', 'sampler', 'web', 'addin'],
  test: ['domain', 'commands', 'projections', 'read-models', 'sampler', 'web', 'addin', 'ops'],
};

/** Packages domain/ may use: pure computation only. */
const domainPackages = [/^zod(\/|$)/, /^@noble\/hashes(\/|$)/];

function* sourceFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    // Spec files beside the code belong to the test layer, which may import anything.
    else if (/\.(ts|mts|js|mjs)$/.test(entry) && !entry.endsWith('.d.ts') && !/\.spec\.ts$/.test(entry)) yield path;
  }
}

const importPattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Lists every import that breaks the layering, for the tree rooted at `rootDir`. */
export function findViolations(rootDir: string = root): string[] {
  const violations: string[] = [];
  for (const layer of Object.keys(allowedImports)) {
    let files: string[];
    try {
      files = [...sourceFiles(join(rootDir, layer))];
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(importPattern)) {
        const specifier = match[1] ?? match[2] ?? match[3];
        const where = relative(rootDir, file);
        if (specifier.startsWith('.')) {
          const target = relative(rootDir, resolve(dirname(file), specifier)).split(sep)[0];
          if (target !== layer && !allowedImports[layer].includes(target)) {
            violations.push(`${where}: ${layer}/ may not import ${target}/ (${specifier})`);
          }
        } else if (layer === 'domain' && !domainPackages.some((p) => p.test(specifier))) {
          violations.push(`${where}: domain/ may not import ${specifier} (pure libraries only)`);
        }
      }
    }
  }
  return violations;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const violations = findViolations();
  if (violations.length > 0) {
    process.stderr.write(`layering violations (docs/architecture.md):\n${violations.map((v) => `  ${v}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('layering: ok\n');
}
