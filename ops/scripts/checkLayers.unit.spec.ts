import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findViolations, importGraph } from './checkLayers.js';

/** Files every probe tree has, so that imports resolve as tsc resolves them. */
const TARGETS: Record<string, string> = {
  'domain/a.ts': 'export const a = 1;\n',
  'read-models/q.ts': 'export const y = 1;\nexport type Row = { id: string };\n',
  'commands/c.ts': 'export const c = 1;\n',
  'web/app.ts': 'export const app = 1;\n',
  'web/routes/page.ts': 'export const page = 1;\n',
  'web/services/funds.ts': 'export const funds = 1;\n',
  'ops/config.ts': 'export const config = 1;\n',
  'test/kit/zip.ts': 'export const k = 1;\n',
  'sampler/navcast/model/target.ts': 'export const target = 1;\n',
  'sampler/nuts/index.ts': 'export const sample = 1;\n',
};

describe('layer lint on the TypeScript import graph', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'layers-'));
    made.push(root);
    for (const [path, text] of Object.entries({ ...TARGETS, ...files })) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  const only = (files: Record<string, string>) => findViolations(tree(files));

  it('accepts the probe tree itself', () => {
    expect(only({})).toEqual([]);
  });

  it('flags inward-pointing violations and I/O in domain/', () => {
    const violations = only({
      'domain/b.ts': "import { readFileSync } from 'node:fs';\nimport { z } from 'zod';\n",
      'commands/b.ts': "import { app } from '../web/app.js';\nimport type { X } from '../domain/a.js';\n",
      'sampler/c.ts': "export { y } from '../read-models/q.js';\n",
      'web/d.ts': "const m = await import('../ops/config.js');\n",
      'sampler/e.unit.spec.ts': "import { k } from '../test/kit/zip.js';\n",
    }).join('\n');
    expect(violations).toMatch(/domain\/b\.ts: domain\/ may not import node:fs/);
    expect(violations).toMatch(/commands\/b\.ts: commands\/ may not import web\/app\.ts/);
    expect(violations).toMatch(/sampler\/c\.ts: sampler\/ may not import read-models\/q\.ts/);
    expect(violations).toMatch(/web\/d\.ts: web\/ may not import ops\/config\.ts/);
    expect(violations.split('\n')).toHaveLength(4);
  });

  it('fails a forbidden import between the JSON API and the pages, in both directions', () => {
    const violations = only({
      'web/api/funds.ts': "import { page } from '../routes/page.js';\n",
      'web/routes/other.ts': "export * from '../api/funds.js';\n",
    });
    expect(violations).toEqual([
      expect.stringMatching(/^web\/api\/funds\.ts: web\/api\/ may not import web\/routes\/page\.ts/),
      expect.stringMatching(/^web\/routes\/other\.ts: web\/routes\/ may not import web\/api\/funds\.ts/),
    ]);
  });

  it('keeps database clients, read models and commands in web/services; types alone may pass', () => {
    const violations = only({
      'web/routes/list.ts': "import { y } from '../../read-models/q.js';\nimport type { Row } from '../../read-models/q.js';\nimport { funds } from '../services/funds.js';\n",
      'web/routes/sql.ts': 'export async function f(ctx: any) { return ctx.pool.query("SELECT 1"); }\n',
      'web/routes/pg.ts': "import pg from 'pg';\nexport const p = pg;\n",
      'web/services/ok.ts': "import pg from 'pg';\nimport { y } from '../../read-models/q.js';\nimport { c } from '../../commands/c.js';\nexport const all = [pg, y, c];\n",
      'web/routes/form.ts': 'export function f(request: { query: unknown }) { return request.query; }\n',
    });
    expect(violations).toHaveLength(4);
    expect(violations.join('\n')).toMatch(/web\/routes\/list\.ts: web\/ may not import read-models\/q\.ts \(\.\.\/\.\.\/read-models\/q\.js\)/);
    expect(violations.filter((v) => v.startsWith('web/routes/sql.ts: touches a database client'))).toHaveLength(2);
    expect(violations.join('\n')).toMatch(/web\/routes\/pg\.ts: web\/ may not import pg/);
  });

  it('keeps the generic sampler apart from the NAVcast model', () => {
    const violations = only({
      'sampler/nuts/chain.ts': "import { target } from '../navcast/model/target.js';\n",
      'sampler/navcast/model/density.ts': "import { sample } from '../../nuts/index.js';\n",
    });
    expect(violations).toEqual([expect.stringMatching(/^sampler\/nuts\/chain\.ts: sampler\/nuts\/ may not import sampler\/navcast\/model\/target\.ts/)]);
  });

  it('reads imports from the syntax tree: comments and strings are not imports, dynamic imports are', () => {
    const root = tree({
      'web/routes/quiet.ts': "// import { y } from '../../read-models/q.js';\nexport const text = \"import { y } from '../../read-models/q.js'\";\n",
      'web/routes/loud.ts': "export const load = () => import('../../read-models/q.js');\n",
    });
    expect(findViolations(root)).toEqual([expect.stringMatching(/^web\/routes\/loud\.ts: web\/ may not import read-models\/q\.ts/)]);
    expect(importGraph(root).filter((e) => e.from === 'web/routes/quiet.ts')).toEqual([]);
  });

  it('reports an import that resolves to no file', () => {
    expect(only({ 'domain/c.ts': "import { gone } from './missing.js';\n" })).toEqual(['domain/c.ts: cannot resolve ./missing.js']);
  });

  it('accepts the real repository', () => {
    expect(findViolations()).toEqual([]);
  });
});
