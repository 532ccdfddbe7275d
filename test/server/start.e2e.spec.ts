import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleOrganizationCommand } from '../../commands/organizations/index.js';
import { openLog } from '../../ops/platform.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { waitForOutput } from '../hardening/serverProcess.js';

describe('npm start entry (ops/server/main.ts) against a given DATABASE_URL', () => {
  let db: TestDatabase;
  let dataDir: string;
  let child: ChildProcess;
  let base = '';
  let stdout = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'navcast-start-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'ops/server/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: db.ownerUrl,
        PORT: '0',
        NAVCAST_DATA_DIR: dataDir,
        NAVCAST_ROLE_PASSWORD: 'navcast-test-role-password',
        NAVCAST_PROJECTOR_POLL_MS: '60000',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const match = await waitForOutput(child, /listening on (http:\/\/\S+)/, 60_000);
    base = match[1];
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  });

  it('answers /healthz with a database check and serves the landing page', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', db: { status: 'ok' } });
    const landing = await fetch(`${base}/`);
    expect(landing.headers.get('content-type')).toMatch(/text\/html/);
    expect(await landing.text()).toMatch(/NAVcast/);
  });

  it('runs the projector in the same process (woken by NOTIFY)', async () => {
    const access = openLog(db.ownerUrl, 2);
    const orgId = randomUUID();
    try {
      await handleOrganizationCommand(
        access.log,
        { type: 'CreateOrganization', orgId, name: 'Started Ltd' },
        { commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: 'test' } },
      );
      const owner = new pg.Client({ connectionString: db.ownerUrl });
      await owner.connect();
      try {
        let name: string | undefined;
        for (let i = 0; i < 100 && name === undefined; i++) {
          const { rows } = await owner.query('SELECT name FROM read_models.organizations_v1 WHERE tenant_id = $1', [orgId]);
          name = rows[0]?.name;
          if (name === undefined) await new Promise((r) => setTimeout(r, 100));
        }
        expect(name).toBe('Started Ltd');
      } finally {
        await owner.end();
      }
    } finally {
      await access.close();
    }
  });

  it('stops cleanly on SIGINT', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/SIGINT: stopping\nstopped\n/);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
