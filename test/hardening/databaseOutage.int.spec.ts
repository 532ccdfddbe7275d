/**
 * Probe: PostgreSQL stops under a running server and comes back. On a cluster of its own (not
 * the one the other test files share). While it is down, API requests answer 503
 * database_unavailable with Retry-After, pages an error page saying so, /healthz 503. After
 * it is back the projector listens again (it used to subscribe once, so every later upload
 * waited for the poll): with polling every 60 s, an upload after the outage is projected as
 * fast as one before it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startEmbeddedCluster, type RunningCluster } from '../../ops/db/embeddedPostgres.js';
import { migrate } from '../../ops/db/migrate.js';
import { createMember, HttpBrowser, startServerProcess, type ServerProcess } from './serverProcess.js';

const PASSWORD = 'correct horse battery staple';
const dir = mkdtempSync(join(tmpdir(), 'navcast-outage-'));
// initdb runs as an unprivileged user when the tests run as root: it must be able to enter the folder.
chmodSync(dir, 0o755);
let port: number;
let cluster: RunningCluster;
let ownerUrl: string;
let server: ServerProcess;
let member: HttpBrowser;

const startCluster = () => startEmbeddedCluster({ dataDir: join(dir, 'pg'), port, password: 'outage-test', persistent: true, settings: { fsync: 'off' } });

function csv(fund: string): string {
  return `fund,currency,commitment,vintage,strategy,date,type,amount\n${fund},EUR,1000000,2015,buyout,2016-03-31,contribution,1000\n${fund},EUR,1000000,2015,buyout,2016-06-30,nav,990\n`;
}

/** Uploads a one-fund CSV; the upload answers once the projections have caught up (or after 3 s). */
async function timedUpload(fund: string): Promise<number> {
  const started = performance.now();
  const response = await member.request(`/api/v1/uploads?filename=${encodeURIComponent(fund)}.csv`, {
    method: 'POST',
    body: csv(fund),
    headers: { 'content-type': 'text/csv', 'x-csrf-token': member.csrfToken ?? '' },
  });
  expect(response.status, await response.text()).toBe(201);
  const listed = await (await member.request('/api/v1/funds')).json();
  expect((listed as { funds: { fundName: string }[] }).funds.map((f) => f.fundName)).toContain(fund);
  return performance.now() - started;
}

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.base}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  port = await freePort();
  cluster = await startCluster();
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE navcast');
  await admin.end();
  ownerUrl = cluster.adminUrl.replace(/\/postgres$/, '/navcast');
  await migrate(ownerUrl);
  await createMember(ownerUrl, 'member@outage.test', PASSWORD);
  server = await startServerProcess({ DATABASE_URL: ownerUrl, NAVCAST_PROJECTOR_POLL_MS: '60000' });
  member = new HttpBrowser(server.base);
  expect(await member.signIn('member@outage.test', PASSWORD)).toBe(303);
}, 180_000);
afterAll(async () => {
  server?.kill();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a database outage', () => {
  it('is a 503 while it lasts, and uploads after it are projected as fast as before', async () => {
    const before = await timedUpload('Before Outage Fund');
    expect((await health()).body).toMatchObject({ status: 'ok', projector: { notifications: { state: 'listening' } } });

    await cluster.stop();
    const api = await member.request('/api/v1/funds');
    expect(api.status).toBe(503);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await api.json()).toMatchObject({ status: 503, code: 'database_unavailable' });
    const keyed = await fetch(`${server.base}/api/v1/funds`, { headers: { authorization: `Bearer sk_live_${'a'.repeat(43)}` } });
    expect(keyed.status).toBe(503);
    const page = await member.request('/');
    expect(page.status).toBe(503);
    const text = await page.text();
    expect(text).toContain('briefly unavailable');
    expect(text).toContain('try again');
    expect((await health()).status).toBe(503);

    cluster = await startCluster();
    const deadline = Date.now() + 30_000;
    let state: unknown;
    while (Date.now() < deadline) {
      const h = await health();
      state = (h.body.projector as { notifications?: { state?: string } } | undefined)?.notifications?.state;
      if (h.status === 200 && state === 'listening') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(state).toBe('listening');
    const after = await timedUpload('After Outage Fund');
    const again = await timedUpload('Second After Outage Fund');
    process.stdout.write(`upload to projected: before ${before.toFixed(0)} ms, after ${after.toFixed(0)} ms, ${again.toFixed(0)} ms\n`);
    // The settle wait gives up after 3 s and the poll is 60 s: only NOTIFY makes these fast.
    expect(after).toBeLessThan(1500);
    expect(again).toBeLessThan(1500);
    expect(server.output()).toMatch(/event notifications lost/);
  }, 180_000);
});
