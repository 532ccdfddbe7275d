import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import { allProjections, organizationsProjection, ProjectionRunner } from '../../projections/index.js';
import { openLog } from '../../ops/platform.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI the way the bin does: node with the tsx loader on ops/cli/main.ts. */
function navcast(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'ops/cli/main.ts', ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}

describe('navcast CLI (child processes, real PostgreSQL)', () => {
  const admin = inject('pgAdminUrl');
  const name = `cli_${randomBytes(5).toString('hex')}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  let orgId = '';

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`); // empty: `db migrate` has everything to do
    await client.end();
  });
  afterAll(async () => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });

  it('config --schema prints the model configuration schema, --check hashes a document the same however it is written, and names every problem', async () => {
    const schema = await navcast(['config', '--schema']);
    expect(schema.code).toBe(0);
    expect(Object.keys(JSON.parse(schema.stdout).properties)).toEqual(['name', 'description', 'fit']);
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'navcast-config-'));
    await writeFile(join(dir, 'a.json'), '{"name":"Quarterly","fit":{"draws":500}}');
    await writeFile(join(dir, 'b.json'), '{ "fit": { "draws": 500, "chains": 4 }, "name": "Quarterly", "description": "" }');
    await writeFile(join(dir, 'bad.json'), '{"name":"","fit":{"chains":0}}');
    const a = JSON.parse((await navcast(['config', '--check', join(dir, 'a.json')])).stdout) as { configHash: string };
    const b = JSON.parse((await navcast(['config', '--check', join(dir, 'b.json')])).stdout) as { configHash: string };
    expect(a.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.configHash).toBe(a.configHash);
    const bad = await navcast(['config', '--check', join(dir, 'bad.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('model_config_invalid');
    expect(bad.stderr).toContain('name:');
    expect(bad.stderr).toContain('fit.chains:');
  });

  it('db migrate applies every migration, then none', async () => {
    const first = await navcast(['db', 'migrate', '--database-url', dbUrl]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const applied = JSON.parse(first.stdout).applied as string[];
    expect(applied).toContain('0001_roles');
    expect(applied).toContain('0100_organization_read_models');
    const again = await navcast(['db', 'migrate'], { DATABASE_URL: dbUrl });
    expect(JSON.parse(again.stdout)).toEqual({ applied: [] });
  });

  it('admin bootstrap creates the platform and its super_admin once; the second time fails', async () => {
    const first = await navcast(['admin', 'bootstrap', '--email', 'Root@Example.com', '--password', 'correct horse battery'], { DATABASE_URL: dbUrl });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ orgId: PLATFORM_TENANT_ID, email: 'root@example.com', role: 'super_admin' });
    const second = await navcast(['admin', 'bootstrap', '--email', 'other@example.com', '--password', 'another long password'], { DATABASE_URL: dbUrl });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/organization_already_exists/);
    expect(second.stdout).toBe('');
  });

  it('org create prints JSON with the new org id; user invite adds a user to it', async () => {
    const created = await navcast(['org', 'create', '--name', ' Acme Capital ', '--database-url', dbUrl]);
    expect(created.code).toBe(0);
    const org = JSON.parse(created.stdout) as { orgId: string; name: string };
    expect(org.name).toBe('Acme Capital');
    expect(org.orgId).toMatch(/^[0-9a-f-]{36}$/);
    orgId = org.orgId;
    const invited = await navcast(['user', 'invite', '--org', orgId, '--email', 'ann@acme.com', '--role', 'member', '--database-url', dbUrl]);
    expect(invited.code).toBe(0);
    expect(JSON.parse(invited.stdout)).toMatchObject({ orgId, email: 'ann@acme.com', role: 'member', invitationPath: expect.stringMatching(/^\/invitation\/[A-Za-z0-9_-]{43}$/) });
    const twice = await navcast(['user', 'invite', '--org', orgId, '--email', 'ANN@acme.com', '--role', 'viewer', '--database-url', dbUrl]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/email_already_in_use/);
  });

  it('audit replay reports equality with the live read models, and a difference with exit 1', async () => {
    const access = openLog(dbUrl, 2);
    try {
      await new ProjectionRunner({ pool: access.pool, feed: access.feed, projections: [organizationsProjection], owner: 'cli-test' }).catchUp();
      const equal = await navcast(['audit', 'replay', '--database-url', dbUrl]);
      expect(equal.code).toBe(0);
      expect(JSON.parse(equal.stdout)).toMatchObject({ status: 'equal', events: 5, differences: [] });
      await access.pool.query("UPDATE read_models.organizations_v1 SET name = 'Forged' WHERE tenant_id = $1", [orgId]);
      const different = await navcast(['audit', 'replay', '--database-url', dbUrl]);
      expect(different.code).toBe(1);
      expect(JSON.parse(different.stdout).differences).toHaveLength(2);
      const verified = await navcast(['audit', 'verify', '--database-url', dbUrl]);
      expect(verified.code).toBe(0); // dispatched to the auditor's command: the untouched log verifies
      const asOf = await navcast(['audit', 'replay', '--as-of', '1', '--tenant', orgId, '--database-url', dbUrl]);
      expect(asOf.code).toBe(0);
      // Every projection replays the tenant's first event (those that ignore it count it too).
      expect(JSON.parse(asOf.stdout)).toMatchObject({ asOfSeq: 1, events: allProjections.length, rebuiltTo: { [orgId]: 1 } });
    } finally {
      await access.close();
    }
  });

  it('rejects bad arguments on stderr with exit code 2', async () => {
    const cases = [
      ['org', 'create'],
      ['org', 'create', '--name', 'X', '--colour', 'red', '--database-url', dbUrl],
      ['user', 'invite', '--org', 'x', '--email', 'a@b.co', '--role', 'super_admin', '--database-url', dbUrl],
      ['frobnicate'],
      ['org', 'create', '--name', 'No database'],
    ];
    for (const args of cases) {
      const run = await navcast(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(/^navcast: /);
      expect(run.stdout).toBe('');
    }
    const invalidOrg = await navcast(['user', 'invite', '--org', 'not-a-uuid', '--email', 'a@b.co', '--role', 'viewer', '--database-url', dbUrl]);
    expect(invalidOrg.code).toBe(1);
    expect(invalidOrg.stderr).toMatch(/validation_failed/);
  });
});
