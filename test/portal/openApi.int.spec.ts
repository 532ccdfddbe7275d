/**
 * /openapi.json as integrators read it: generated from the operations alone
 * (web/api/openApiDocument.ts), every operation named, tagged, secured and with its errors,
 * and clean under Redocly's recommended rules (redocly.yaml), run by the real Redocly CLI.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';

type Operation = { operationId?: string; tags?: string[]; summary?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type Document = { servers: { url: string }[]; tags: { name: string }[]; paths: Record<string, Record<string, Operation>>; info: Record<string, unknown> };

let f: PortalFixture;
let doc: Document;
beforeAll(async () => {
  f = await openPortalFixture({ publicUrl: 'https://portal.navcast.test/' });
  doc = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json() as Document;
});
afterAll(async () => {
  await f.close();
});

const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

describe('/openapi.json', () => {
  it('names every operation uniquely, tags it with a declared tag, and gives a summary and security', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(25);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    expect(ops.filter((o) => o.op.tags?.length !== 1 || !tags.has(o.op.tags[0]) || !o.op.summary || (o.op.security ?? []).length === 0)).toEqual([]);
  });

  it('lists every error as problem+json, and names NAVCAST_PUBLIC_URL as its server', () => {
    expect(doc.servers).toEqual([{ url: 'https://portal.navcast.test' }]);
    expect(doc.info.license).toMatchObject({ identifier: expect.any(String) });
    for (const { op } of operations()) {
      const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
      expect(errors.map(([status]) => status)).toContain('401');
      for (const [, response] of errors) expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
    }
    const getFund = operations().find((o) => o.op.operationId === 'getFund');
    expect(JSON.stringify(getFund?.op.responses['404'])).toContain('fund_not_found');
  });

  it('passes Redocly lint with the recommended rules: no error, no warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'navcast-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(doc));
      const cli = join(process.cwd(), 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
      const run = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--config', join(process.cwd(), 'redocly.yaml'), '--format', 'json'], {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
