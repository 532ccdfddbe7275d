/**
 * `navcast audit` end to end through runAuditCommand: seal, verify (live and bundle), export,
 * keygen; exit codes 0 / 1 / 2 and the failure class and position in the output.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditCommand } from '../../ops/cli/audit.js';
import { setRolePasswords } from '../../ops/db/roles.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { appendEvents, tamper, uuidOf } from './auditSpecKit.js';

const tenantA = uuidOf(0xa1, 't');
const tenantB = uuidOf(0xb1, 't');
let db: TestDatabase;
let work: string;
let env: Record<string, string>;

const bin = resolve(fileURLToPath(import.meta.url), '../../../ops/bin/navcast.js');

/** Runs the installed `navcast` bin in a child process, as an operator would. */
function navcast(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...argv], { cwd: work, env: { PATH: process.env.PATH, ...env } }, (error, out, err) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, out, err });
    });
  });
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAuditCommand(argv, { env, cwd: work, stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const event = (n: number) => ({ eventId: uuidOf(n), eventType: 'FundRenamed', payload: { from: `Fund ${n}`, to: `Fonds Nº${n}` } });

beforeAll(async () => {
  db = await createTestDatabase();
  work = mkdtempSync(join(tmpdir(), 'navcast-audit-cli-'));
  env = { DATABASE_URL: db.ownerUrl };
  const keygen = await cli('keygen', '--out', 'sealer.pem');
  expect(keygen.code).toBe(0);
  writeFileSync(join(work, 'sealer.pub.pem'), keygen.out.slice(keygen.out.indexOf('-----BEGIN PUBLIC KEY-----')));
  env = { DATABASE_URL: db.ownerUrl, NAVCAST_AUDIT_SIGNING_KEY_FILE: 'sealer.pem' };
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    await appendEvents(
      client,
      tenantA,
      'fund-1',
      Array.from({ length: 30 }, (_, i) => event(i + 1)),
    );
    await appendEvents(
      client,
      tenantB,
      'fund-2',
      Array.from({ length: 4 }, (_, i) => event(i + 100)),
    );
  } finally {
    await client.end();
  }
});

afterAll(async () => {
  await db?.drop();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** A copy of the exported bundle, edited, with the manifest's hashes recomputed as an attacker would. */
function forgeBundle(name: string, edit: (lines: string[], manifest: any) => string[]): string {
  const dir = join(work, name);
  const source = join(work, 'bundle');
  cpSync(source, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
  const lines = edit(
    readFileSync(join(source, 'events.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l !== ''),
    manifest,
  );
  const events = lines.map((l) => `${l}\n`).join('');
  manifest.files['events.ndjson'] = createHash('sha256').update(events).digest('hex');
  writeFileSync(join(dir, 'events.ndjson'), events);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('navcast audit', () => {
  it('seals every tenant, then has nothing new to seal', async () => {
    const first = await cli('seal', '--checkpoints', 'cp');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`sealed  tenant ${tenantA}: tree size 30`));
    expect(first.out).toMatch(new RegExp(`sealed  tenant ${tenantB}: tree size 4`));
    const again = await cli('seal', '--checkpoints', 'cp', '--tenant', tenantA);
    expect(again).toMatchObject({ code: 0, out: `unchanged tenant ${tenantA}: tree size 30\n` });
  });

  it('verifies the untouched live log: exit 0', async () => {
    const { code, out, err } = await cli('verify', '--checkpoints', 'cp', '--public-key', 'sealer.pub.pem');
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`OK   tenant ${tenantA}: 30 events, head 30 [0-9a-f]{16}…, 1 signed checkpoints`));
    expect(out).toMatch(/^intact: 2 tenants, 34 events checked/m);
    expect(err).toBe('');
    const child = await navcast('audit', 'verify', '--checkpoints', 'cp', '--public-key', 'sealer.pub.pem');
    expect(child).toMatchObject({ code: 0, err: '' });
    expect(child.out).toMatch(/^intact: 2 tenants, 34 events checked/m);
    const json = await cli('verify', '--checkpoints', 'cp', '--tenant', tenantB, '--json');
    expect(JSON.parse(json.out)).toMatchObject([{ tenantId: tenantB, ok: true, eventsChecked: 4 }]);
  });

  it('verifies and seals through the read-only auditor role', async () => {
    const { auditor } = await setRolePasswords(db.ownerUrl, 'navcast-test');
    const client = new pg.Client({ connectionString: db.ownerUrl });
    await client.connect();
    try {
      await appendEvents(client, tenantB, 'fund-2', [event(104)]);
    } finally {
      await client.end();
    }
    const sealed = await cli('seal', '--checkpoints', 'cp', '--tenant', tenantB, '--database-url', auditor);
    expect(sealed).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`sealed  tenant ${tenantB}: tree size 5`)) });
    const verified = await cli('verify', '--checkpoints', 'cp', '--database-url', auditor);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^intact: 2 tenants, 35 events checked/m);
  });

  it('warns that a chain walk without checkpoints cannot see truncation', async () => {
    const { code, err } = await cli('verify', '--tenant', tenantA);
    expect(code).toBe(0);
    expect(err).toMatch(/truncated tail/);
  });

  it('exports a bundle that verifies offline with the pinned key, and warns when no key is pinned', async () => {
    const exported = await cli('export', '--tenant', tenantA, '--out', 'bundle', '--checkpoints', 'cp');
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.out).toMatch(/30 events, 1 checkpoints, 1 public keys/);
    const pinned = await cli('verify', '--bundle', 'bundle', '--public-key', 'sealer.pub.pem');
    expect(pinned).toMatchObject({ code: 0, err: '' });
    expect(pinned.out).toMatch(/OK {3}tenant .*: 30 events/);
    const saved = env;
    env = {}; // no signing key configured either, whose public half would be trusted
    const unpinned = await cli('verify', '--bundle', 'bundle');
    env = saved;
    expect(unpinned.code).toBe(0);
    expect(unpinned.err).toMatch(/trusting the bundle's own public keys [0-9a-f]{16}: pin the sealer's key/);
    expect((await cli('export', '--tenant', tenantA, '--out', 'bundle')).code).toBe(2); // never overwrites
  });

  it('finds an edited payload in a bundle: exit 1, class and position printed', async () => {
    const dir = forgeBundle('forged-payload', (lines) => {
      const row = JSON.parse(lines[4]);
      row.payload = Buffer.from(Buffer.from(row.payload, 'base64').toString('utf8').replace('Nº5', 'No5')).toString('base64');
      lines[4] = JSON.stringify(row);
      return lines;
    });
    const { code, out } = await cli('verify', '--bundle', dir, '--public-key', 'sealer.pub.pem');
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`FAIL tenant ${tenantA}: payload mismatch at 5: `));
    expect(out).toMatch(/^INTEGRITY FAILURE/m);
  });

  it("finds a truncated bundle through its checkpoint, or through the auditor's own checkpoints when the bundle drops them", async () => {
    const truncate = (lines: string[], manifest: any) => {
      const kept = lines.slice(0, 27);
      manifest.eventCount = 27;
      manifest.head = { lastSeq: 27, lastHash: JSON.parse(kept[26]).chainHash };
      return kept;
    };
    const dir = forgeBundle('truncated', truncate);
    expect(await cli('verify', '--bundle', dir, '--public-key', 'sealer.pub.pem')).toMatchObject({ code: 1, out: expect.stringMatching(/truncation at 28/) });
    const stripped = forgeBundle('truncated-stripped', (lines, manifest) => {
      for (const f of Object.keys(manifest.files)) if (f.startsWith('checkpoints/')) delete manifest.files[f];
      return truncate(lines, manifest);
    });
    expect((await cli('verify', '--bundle', stripped, '--public-key', 'sealer.pub.pem')).code).toBe(0);
    const withStore = await cli('verify', '--bundle', stripped, '--public-key', 'sealer.pub.pem', '--checkpoints', 'cp');
    expect(withStore).toMatchObject({ code: 1, out: expect.stringMatching(/truncation at 28/) });
  });

  it('finds a bundle file that does not match its manifest', async () => {
    const dir = forgeBundle('damaged', (lines) => lines);
    writeFileSync(join(dir, 'public-keys', readFileSync(join(work, 'bundle', 'manifest.json'), 'utf8').match(/public-keys\/([0-9a-f]{16})\.pem/)![1] + '.pem'), 'x', { flag: 'a' });
    const { code, out } = await cli('verify', '--bundle', dir, '--public-key', 'sealer.pub.pem');
    expect(code).toBe(1);
    expect(out).toMatch(/hash mismatch at 0: bundle file public-keys\/.* does not have the sha256/);
  });

  it('finds a forged checkpoint signature', async () => {
    const dir = forgeBundle('forged-signature', (lines) => lines);
    const name = Object.keys(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files).find((f) => f.startsWith('checkpoints/'))!;
    const record = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    record.checkpoint.chainHead = 'f'.repeat(64);
    writeFileSync(join(dir, name), JSON.stringify(record));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.files[name] = createHash('sha256')
      .update(readFileSync(join(dir, name)))
      .digest('hex');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const { code, out } = await cli('verify', '--bundle', dir, '--public-key', 'sealer.pub.pem');
    expect(code).toBe(1);
    expect(out).toMatch(/bad signature at 30: checkpoint of tree size 30 .*signature does not verify/);
  });

  it('reports usage and configuration problems with exit 2 on stderr', async () => {
    expect(await cli()).toMatchObject({ code: 2, err: expect.stringMatching(/usage: navcast audit/) });
    expect(await cli('export', '--tenant', tenantA)).toMatchObject({ code: 2, err: expect.stringMatching(/--out DIR/) });
    expect(await cli('verify', '--tenant', 'not-a-uuid')).toMatchObject({ code: 2, err: expect.stringMatching(/not a UUID/) });
    expect(await cli('verify', '--tenant', tenantA.toUpperCase())).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`OK   tenant ${tenantA}`)) });
    expect(await cli('verify', '--no-such-flag')).toMatchObject({ code: 2, err: expect.stringMatching(/no-such-flag/) });
    const saved = env;
    try {
      env = {};
      expect(await cli('verify')).toMatchObject({ code: 2, err: expect.stringMatching(/DATABASE_URL/) });
      expect(await cli('verify', '--checkpoints', 'cp', '--database-url', db.ownerUrl)).toMatchObject({ code: 2, err: expect.stringMatching(/trusted public key/) });
      expect(await cli('seal', '--checkpoints', 'cp', '--database-url', db.ownerUrl)).toMatchObject({ code: 2, err: expect.stringMatching(/NAVCAST_AUDIT_SIGNING_KEY/) });
      env = { NAVCAST_AUDIT_SIGNING_KEY: 'bm90IGEga2V5' };
      expect(await cli('verify')).toMatchObject({ code: 2, err: expect.stringMatching(/raw signing key has 9 bytes/) });
    } finally {
      env = saved;
    }
  });

  it('finds a deleted row in the live log (exit 1, gap and position), and the sealer refuses to seal it', async () => {
    const client = new pg.Client({ connectionString: db.ownerUrl });
    await client.connect();
    try {
      await tamper(client, 'DELETE FROM events WHERE tenant_id = $1 AND tenant_seq = 12', [tenantA]);
    } finally {
      await client.end();
    }
    const verified = await cli('verify', '--checkpoints', 'cp');
    expect(verified.code).toBe(1);
    expect(verified.out).toMatch(new RegExp(`FAIL tenant ${tenantA}: gap at 12: tenant_seq 12\\.\\.12 missing`));
    expect(verified.out).toMatch(new RegExp(`OK   tenant ${tenantB}`));
    const child = await navcast('audit', 'verify', '--checkpoints', 'cp', '--tenant', tenantA);
    expect(child.code).toBe(1);
    expect(child.out).toMatch(new RegExp(`FAIL tenant ${tenantA}: gap at 12`));
    const sealed = await cli('seal', '--checkpoints', 'cp');
    expect(sealed.code).toBe(1);
    expect(sealed.out).toMatch(new RegExp(`REFUSED tenant ${tenantA}: gap at 12`));
  });
});
