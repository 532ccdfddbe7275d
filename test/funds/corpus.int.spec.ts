import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleUpload } from '../../commands/funds/index.js';
import type { Problem } from '../../commands/ingest/index.js';
import { eventCount, memberOf, meta, openFundsFixture, type FundsFixture } from './fundsKit.js';

interface ManifestEntry {
  readonly file: string;
  readonly options: { readonly maxBytes?: number };
  readonly problems: readonly Problem[];
}

const corpus = join(import.meta.dirname, '../fixtures/workbooks');

async function filesUnder(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

describe('malformed workbooks are rejected whole: their problems, no events, no rows, no blob', () => {
  let f: FundsFixture;
  const org = randomUUID();
  let manifest: ManifestEntry[];

  beforeAll(async () => {
    f = await openFundsFixture();
    manifest = JSON.parse(await readFile(join(corpus, 'manifest.json'), 'utf8')) as ManifestEntry[];
  });
  afterAll(async () => {
    await f.close();
  });

  it('rejects every corpus file with exactly the manifest problems', async () => {
    expect(manifest.length).toBeGreaterThanOrEqual(20);
    for (const entry of manifest) {
      const bytes = await readFile(join(corpus, entry.file));
      const deps = { ...f.deps, parseOptions: entry.options };
      const result = await handleUpload(deps, { orgId: org, filename: entry.file, bytes, source: 'portal' }, meta(memberOf(org)));
      expect({ file: entry.file, ok: result.ok }).toEqual({ file: entry.file, ok: false });
      if (!result.ok) expect({ file: entry.file, problems: result.problems }).toEqual({ file: entry.file, problems: entry.problems });
    }
  });

  it('left nothing behind: no events, no read-model rows, no stored blob', async () => {
    expect(await eventCount(f.pool, org)).toBe(0);
    await f.catchUp();
    for (const table of ['uploads', 'fund_identities', 'fund_data_versions']) {
      const { rows } = await f.pool.query(`SELECT count(*)::int AS n FROM read_models.${table}_v1 WHERE tenant_id = $1`, [org]);
      expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
    }
    expect(await filesUnder(join(f.blobRoot, 'uploads', org))).toEqual([]);
  });
});
