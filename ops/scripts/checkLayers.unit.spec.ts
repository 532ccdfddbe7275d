import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findViolations } from './checkLayers.js';

describe('layer lint', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'layers-'));
    made.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('flags inward-pointing violations and I/O in domain/', () => {
    const root = tree({
      'domain/a.ts': "import { readFileSync } from 'node:fs';\nimport { z } from 'zod';\n",
      'commands/b.ts': "import { app } from '../web/app.js';\nimport type { X } from '../domain/a.js';\n",
      'sampler/c.ts': "export { y } from '../read-models/q.js';\n",
      'web/d.ts': "const m = await import('../ops/config.js');\n",
      'sampler/e.unit.spec.ts': "import { k } from '../test/kit/zip.js';\n",
    });
    const violations = findViolations(root);
    expect(violations).toHaveLength(4);
    expect(violations.join('\n')).toMatch(/domain\/a\.ts: domain\/ may not import node:fs/);
    expect(violations.join('\n')).toMatch(/commands\/b\.ts: commands\/ may not import web\//);
    expect(violations.join('\n')).toMatch(/sampler\/c\.ts: sampler\/ may not import read-models\//);
    expect(violations.join('\n')).toMatch(/web\/d\.ts: web\/ may not import ops\//);
  });

  it('accepts the real repository', () => {
    expect(findViolations()).toEqual([]);
  });
});
