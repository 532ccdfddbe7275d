/**
 * bench:portal: the fund-list JSON API (GET /api/v1/funds) under 50 concurrent clients over
 * real HTTP on loopback. The server (Fastify app, navcast_app pool, RLS per request, session
 * resolution per request) runs in this process; the clients run in a worker thread.
 * Set-up: one organisation with FUNDS funds uploaded (10 years of weekly rows each).
 * Run: npm run bench:portal. Uses DATABASE_URL (owner) when set, else an embedded cluster.
 * Last line: JSON with p50Ms, p99Ms, requestsPerSec.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgEventLog, PgTenantFeed } from '../../../commands/eventLog/index.js';
import { handleUpload, PgMultiStreamLog } from '../../../commands/funds/index.js';
import { writeFundsWorkbook } from '../../../commands/ingest/index.js';
import { handleOrganizationCommand, hashPassword } from '../../../commands/organizations/index.js';
import { createEventRegistry } from '../../../domain/eventCatalogue.js';
import type { CommandMetadata, OrganizationCommand } from '../../../domain/organizations/index.js';
import { LocalBlobStore } from '../../../ops/blobs/index.js';
import { migrate } from '../../../ops/db/migrate.js';
import { setRolePasswords } from '../../../ops/db/roles.js';
import { allProjections, ProjectionRunner } from '../../../projections/index.js';
import { buildApp } from '../../../web/app.js';
import { listenOn } from '../../../web/server.js';
import { startTsWorker } from '../../../commands/workers/tsWorker.js';
import { openBenchDatabase } from '../benchDatabase.js';
import { syntheticFunds } from '../ingest/syntheticFunds.js';

const FUNDS = 50;
const CLIENTS = 50;
const WARMUP_MS = 3_000;
const DURATION_MS = Number(process.env.NAVCAST_BENCH_SECONDS ?? 15) * 1000;
const PASSWORD = 'bench password for the portal';

const operator = (): CommandMetadata => ({ commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: 'bench' } });

/** One organisation with a member and FUNDS funds; returns the member's e-mail. */
async function seed(ownerUrl: string, blobDir: string): Promise<string> {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 4 });
  const registry = createEventRegistry();
  const log = new PgEventLog(pool, registry);
  const orgId = randomUUID();
  const userId = randomUUID();
  const email = 'bench@client.test';
  const run = (command: OrganizationCommand) => handleOrganizationCommand(log, command, operator());
  await run({ type: 'CreateOrganization', orgId, name: 'Bench Capital' });
  await run({ type: 'InviteUser', orgId, userId, email, role: 'member', passwordHash: await hashPassword(PASSWORD) });
  await run({ type: 'ActivateUser', orgId, userId });
  const path = join(blobDir, 'bench-funds.csv');
  await writeFundsWorkbook(path, syntheticFunds(FUNDS, 10), 'csv');
  const meta: CommandMetadata = { ...operator(), actor: { kind: 'user', userId, orgId, role: 'member' } };
  const upload = await handleUpload(
    { log: new PgMultiStreamLog(pool, registry), blobs: new LocalBlobStore(blobDir), parseOptions: { maxBytes: 100 * 1024 * 1024 } },
    { orgId, filename: 'bench-funds.csv', bytes: await readFile(path), source: 'cli' },
    meta,
  );
  if (!upload.ok) throw new Error(`bench workbook rejected: ${upload.problems[0].message}`);
  const runner = new ProjectionRunner({ pool, feed: new PgTenantFeed(pool, registry), projections: allProjections, owner: `bench-${randomUUID()}` });
  await runner.catchUp();
  await runner.stop();
  await pool.end();
  return email;
}

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

/** Signs in through the real form and returns the Cookie header of the session. */
async function signIn(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const form = await fetch(`${base}/login`);
  cookiesOf(form, jar);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const cookie = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const login = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ _csrf: token, email, password: PASSWORD }).toString(),
  });
  if (login.status !== 303) throw new Error(`bench sign-in failed with ${login.status}`);
  cookiesOf(login, jar);
  return cookie();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function main(): Promise<void> {
  const db = await openBenchDatabase('navcast_portal');
  const blobDir = mkdtempSync(join(tmpdir(), 'navcast-bench-portal-'));
  try {
    await migrate(db.ownerUrl);
    const urls = await setRolePasswords(db.ownerUrl, 'navcast-bench');
    const email = await seed(db.ownerUrl, blobDir);
    const appPool = new pg.Pool({ connectionString: urls.app, max: 20 });
    const { app } = await buildApp({ pool: appPool, blobs: new LocalBlobStore(blobDir), cookieSecret: randomUUID() + randomUUID() });
    const server = await listenOn(app, { host: '127.0.0.1', port: 0 });
    try {
      const cookie = await signIn(server.url, email);
      const probe = await fetch(`${server.url}/api/v1/funds`, { headers: { cookie } });
      const body = (await probe.json()) as { funds?: unknown[] };
      if (probe.status !== 200 || body.funds?.length !== FUNDS) throw new Error(`GET /api/v1/funds answered ${probe.status} with ${body.funds?.length} funds, expected ${FUNDS}`);
      const plan = { url: `${server.url}/api/v1/funds`, headers: { cookie }, clients: CLIENTS, warmupMs: WARMUP_MS, durationMs: DURATION_MS };
      const worker = startTsWorker(new URL('./loadWorker.ts', import.meta.url), plan);
      const result = await new Promise<{ latencies: number[]; failures: number; measuredMs: number; error?: string }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      await worker.terminate();
      if (result.error !== undefined) throw new Error(result.error);
      const sorted = result.latencies.sort((a, b) => a - b);
      const summary = {
        p50Ms: Number(percentile(sorted, 50).toFixed(2)),
        p90Ms: Number(percentile(sorted, 90).toFixed(2)),
        p99Ms: Number(percentile(sorted, 99).toFixed(2)),
        maxMs: Number(sorted[sorted.length - 1].toFixed(2)),
        requestsPerSec: Number((sorted.length / (result.measuredMs / 1000)).toFixed(1)),
        requests: sorted.length,
        failures: result.failures,
        clients: CLIENTS,
        funds: FUNDS,
        loadAverage: Number(loadavg()[0].toFixed(2)),
      };
      const rows: [string, string][] = [
        ['endpoint', `GET /api/v1/funds (${FUNDS} funds, session cookie)`],
        ['clients / measured', `${CLIENTS} concurrent / ${DURATION_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up`],
        ['requests (failures)', `${summary.requests} (${summary.failures})`],
        ['p50 / p90 / p99 / max', `${summary.p50Ms} / ${summary.p90Ms} / ${summary.p99Ms} / ${summary.maxMs} ms`],
        ['requests per second', `${summary.requestsPerSec}`],
        ['load average (1 min)', `${summary.loadAverage} on ${cpus().length} CPUs`],
      ];
      for (const [what, value] of rows) console.log(`${what.padEnd(24)} ${value}`);
      console.log(JSON.stringify(summary));
    } finally {
      await server.close();
      await appPool.end();
    }
  } finally {
    rmSync(blobDir, { recursive: true, force: true });
    await db.cleanup();
  }
}

await main();
