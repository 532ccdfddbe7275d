import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleOrganizationCommand } from '../../commands/organizations/index.js';
import { fileIdentityHash, fundIdentityHash } from '../../domain/identity/index.js';
import { openLog } from '../../ops/platform.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { csvWorkbook, meta } from './fundsKit.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function navcast(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'ops/cli/main.ts', ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}

describe('navcast upload, identity, template, market upload (child processes, real PostgreSQL)', () => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  const org = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'navcast-cli-'));
    env = { DATABASE_URL: db.ownerUrl, NAVCAST_BLOB_DIR: join(dir, 'blobs') };
    const access = openLog(db.ownerUrl, 2);
    try {
      await handleOrganizationCommand(access.log, { type: 'CreateOrganization', orgId: org, name: 'Acme' }, meta());
      for (const [email, role] of [
        ['ann@acme.com', 'member'],
        ['vic@acme.com', 'viewer'],
      ] as const) {
        const userId = randomUUID();
        await handleOrganizationCommand(access.log, { type: 'InviteUser', orgId: org, userId, email, role }, meta());
        await handleOrganizationCommand(access.log, { type: 'ActivateUser', orgId: org, userId }, meta());
      }
    } finally {
      await access.close();
    }
  });
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads as a member and prints the fund map; a re-upload reports a duplicate', async () => {
    const file = join(dir, 'book.csv');
    await writeFile(file, csvWorkbook([{ name: 'Alpha Fund' }]));
    const first = await navcast(['upload', '--org', org, '--as', 'ann@acme.com', '--file', file], env);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toEqual({ 'Alpha Fund': { identityHash: fundIdentityHash(org, 'book.csv', 'Alpha Fund'), version: 1, outcome: 'new' } });
    const again = await navcast(['upload', '--org', org, '--as', 'ann@acme.com', '--file', file], env);
    expect(JSON.parse(again.stdout)['Alpha Fund']).toMatchObject({ version: 1, outcome: 'duplicate' });
    const client = new pg.Client({ connectionString: db.ownerUrl });
    await client.connect();
    const rows = await client.query('SELECT count(*)::int AS n FROM read_models.uploads_v1 WHERE tenant_id = $1', [org]);
    await client.end();
    expect(rows.rows[0].n).toBe(2); // projections caught up by the command
  });

  it('prints the problems with sheet, row and column and exits 1 on a bad workbook; refuses a viewer', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, 'fund,currency,commitment,vintage,strategy,date,type,amount\nAlpha,EUR,-5,2015,buyout,2015-01-01,contribution,abc\n');
    const bad = await navcast(['upload', '--org', org, '--as', 'ann@acme.com', '--file', file], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/bad\.csv!C2 \(commitment\)/);
    expect(bad.stderr).toMatch(/bad\.csv!H2 \(amount\)/);
    const viewer = await navcast(['upload', '--org', org, '--as', 'vic@acme.com', '--file', join(dir, 'book.csv')], env);
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toMatch(/forbidden/);
  });

  it('prints identity hashes and writes the template in the format of its extension', async () => {
    const id = await navcast(['identity', '--org', org, '--filename', 'book.csv', '--fund', 'Alpha Fund'], {});
    expect(JSON.parse(id.stdout)).toMatchObject({ fileIdentityHash: fileIdentityHash(org, 'book.csv'), fundIdentityHash: fundIdentityHash(org, 'book.csv', 'Alpha Fund') });
    const out = join(dir, 'template.csv');
    expect((await navcast(['template', '--out', out], {})).code).toBe(0);
    expect((await readFile(out, 'utf8')).split(/\r?\n/)[0]).toMatch(/^fund,currency,commitment,vintage,strategy,date,type,amount/);
    expect((await navcast(['template', '--out', join(dir, 't.pdf')], {})).code).toBe(2);
  });

  it('uploads market series', async () => {
    const file = join(dir, 'market.csv');
    await writeFile(file, 'series_id,date,value\nMSCI-World,2024-01-05,0.01\n');
    const run = await navcast(['market', 'upload', '--file', file], env);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ 'MSCI-World': { revision: 1, points: 1, outcome: 'recorded' } });
  });
});
