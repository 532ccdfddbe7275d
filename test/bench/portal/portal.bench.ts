/**
 * bench:portal: the JSON API's reads under 50 concurrent clients over real HTTP on loopback,
 * one phase at a time. The server (Fastify app, navcast_app pool, RLS per request, session
 * resolution per request) runs in this process; the clients run in a child process, so the
 * CPU time of each side is measured apart (server and PostgreSQL microseconds per request).
 * Phases: the 50-fund list, one fund's detail (with its access-log row), a 500-fund list (one
 * page of 500), and the 50-fund list asked with If-None-Match (304 when nothing changed); the
 * lists also through a second app on the same pool with the response cache off, so that the
 * table shows what a read costs when it runs its queries.
 * Set-up: one organisation with 50 funds (10 years of weekly rows each) and one with 500 (two
 * years each). Run: npm run bench:portal (NAVCAST_BENCH_SECONDS per phase, default 10). Uses
 * DATABASE_URL (owner) when set, else an embedded cluster. Last line: JSON, with the 50-fund
 * list's p50Ms, p99Ms and requestsPerSec at the top level and every phase under `phases`.
 * NAVCAST_BENCH_PHASES=list50,detail runs only the phases named.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { LocalBlobStore } from '../../../ops/blobs/index.js';
import { migrate } from '../../../ops/db/migrate.js';
import { setRolePasswords } from '../../../ops/db/roles.js';
import { buildApp } from '../../../web/app.js';
import { listenOn } from '../../../web/server.js';
import { openBenchDatabase } from '../benchDatabase.js';
import { sampleCpu, type CpuSample } from '../cpuMeter.js';
import type { LoadPlan, LoadResult } from './loadWorker.js';
import { seedOrganization, signIn } from './seed.js';

const CLIENTS = 50;
const WARMUP_MS = 2_000;
const DURATION_MS = Number(process.env.NAVCAST_BENCH_SECONDS ?? 10) * 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs one phase in the load process and measures this process's and PostgreSQL's CPU meanwhile. */
function loadPhase(child: ReturnType<typeof fork>, plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: LoadResult & { error?: string }) => (message.error === undefined ? resolve(message) : reject(new Error(message.error))));
    child.once('error', reject);
    child.send(plan);
  });
}

function postgresSeconds(before: CpuSample, after: CpuSample): number | null {
  if (before.postgres === null || after.postgres === null) return null;
  let seconds = 0;
  for (const [pid, cpu] of after.postgres) seconds += cpu - (before.postgres.get(pid) ?? 0);
  return seconds;
}

interface PhaseSummary {
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly requestsPerSec: number;
  readonly requests: number;
  readonly failures: number;
  readonly statuses: Record<string, number>;
  /** CPU microseconds per request of the server process and of PostgreSQL (null: not visible here). */
  readonly serverCpuMicros: number;
  readonly postgresCpuMicros: number | null;
  readonly loadCpuMicros: number;
}

function summarize(result: LoadResult, serverSeconds: number, pgSeconds: number | null): PhaseSummary {
  const sorted = result.latencies.sort((a, b) => a - b);
  const all = Object.values(result.statuses).reduce((a, b) => a + b, 0);
  const perRequest = (seconds: number): number => Math.round((seconds * 1e6) / all);
  return {
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p90Ms: Number(percentile(sorted, 90).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
    maxMs: Number(sorted[sorted.length - 1].toFixed(2)),
    requestsPerSec: Number((sorted.length / (result.measuredMs / 1000)).toFixed(1)),
    requests: sorted.length,
    failures: result.failures,
    statuses: result.statuses,
    serverCpuMicros: perRequest(serverSeconds),
    postgresCpuMicros: pgSeconds === null ? null : perRequest(pgSeconds),
    loadCpuMicros: perRequest(result.cpuSeconds),
  };
}

async function main(): Promise<void> {
  const db = await openBenchDatabase('navcast_portal');
  const blobDir = mkdtempSync(join(tmpdir(), 'navcast-bench-portal-'));
  try {
    await migrate(db.ownerUrl);
    const urls = await setRolePasswords(db.ownerUrl, 'navcast-bench');
    const narrow = await seedOrganization(db.ownerUrl, blobDir, { name: 'Bench Capital', email: 'bench@capital.test', funds: 50, years: 10 });
    const wide = await seedOrganization(db.ownerUrl, blobDir, { name: 'Bench Wide Partners', email: 'bench@wide.test', funds: 500, years: 2 });
    const appPool = new pg.Pool({ connectionString: urls.app, max: 20 });
    const ownerPool = new pg.Pool({ connectionString: db.ownerUrl, max: 1 });
    // The limit is lifted: 50 clients on one session would reach the default 1200 a minute at once; its bookkeeping still runs.
    const { app } = await buildApp({ pool: appPool, blobs: new LocalBlobStore(blobDir), cookieSecret: randomUUID() + randomUUID(), apiRateLimit: { max: 1e9, timeWindow: '1 minute' } });
    const server = await listenOn(app, { host: '127.0.0.1', port: 0 });
    // A second portal process of the same deployment without the response cache: every read runs its queries.
    const { app: bare } = await buildApp({
      pool: appPool,
      blobs: new LocalBlobStore(blobDir),
      cookieSecret: randomUUID() + randomUUID(),
      apiRateLimit: { max: 1e9, timeWindow: '1 minute' },
      responseCacheBytes: 0,
    });
    const bareServer = await listenOn(bare, { host: '127.0.0.1', port: 0 });
    const child = fork(new URL('./loadWorker.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      const narrowCookie = await signIn(server.url, narrow.email);
      const wideCookie = await signIn(server.url, wide.email);
      const bareNarrow = await signIn(bareServer.url, narrow.email);
      const bareWide = await signIn(bareServer.url, wide.email);
      const list = await fetch(`${server.url}/api/v1/funds`, { headers: { cookie: narrowCookie } });
      const body = (await list.json()) as { funds?: { identityHash: string }[] };
      if (list.status !== 200 || body.funds?.length !== 50) throw new Error(`GET /api/v1/funds answered ${list.status} with ${body.funds?.length} funds, expected 50`);
      const etag = list.headers.get('etag');
      const fund = body.funds[0].identityHash;
      const wideList = await fetch(`${server.url}/api/v1/funds?limit=500`, { headers: { cookie: wideCookie } });
      const wideCount = ((await wideList.json()) as { funds?: unknown[] }).funds?.length;
      if (wideCount !== 500) throw new Error(`GET /api/v1/funds?limit=500 answered ${wideList.status} with ${wideCount} funds, expected 500`);
      const phases: [string, string, Pick<LoadPlan, 'url' | 'headers' | 'expectStatus'>][] = [
        ['list50', 'GET /api/v1/funds (50 funds)', { url: `${server.url}/api/v1/funds`, headers: { cookie: narrowCookie }, expectStatus: 200 }],
        ['list50Uncached', 'the same, response cache off', { url: `${bareServer.url}/api/v1/funds`, headers: { cookie: bareNarrow }, expectStatus: 200 }],
        ['detail', 'GET /api/v1/funds/:identityHash', { url: `${server.url}/api/v1/funds/${fund}`, headers: { cookie: narrowCookie }, expectStatus: 200 }],
        ['list500', 'GET /api/v1/funds?limit=500', { url: `${server.url}/api/v1/funds?limit=500`, headers: { cookie: wideCookie }, expectStatus: 200 }],
        ['list500Uncached', 'the same, response cache off', { url: `${bareServer.url}/api/v1/funds?limit=500`, headers: { cookie: bareWide }, expectStatus: 200 }],
        [
          'list50NotModified',
          etag === null ? 'GET /api/v1/funds, no ETag served: 200' : 'GET /api/v1/funds, If-None-Match: 304',
          { url: `${server.url}/api/v1/funds`, headers: etag === null ? { cookie: narrowCookie } : { cookie: narrowCookie, 'if-none-match': etag }, expectStatus: etag === null ? 200 : 304 },
        ],
      ];
      const results: Record<string, PhaseSummary> = {};
      console.log(`${CLIENTS} concurrent clients per phase, ${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s measured, session cookie, ${cpus().length} CPUs`);
      console.log(['phase'.padEnd(18), 'endpoint'.padEnd(40), 'requests', ' p50 ms', ' p90 ms', ' p99 ms', ' max ms', '   req/s', 'server µs', 'pg µs', 'load µs'].join(' '));
      const only = process.env.NAVCAST_BENCH_PHASES?.split(',');
      for (const [key, label, partial] of phases) {
        if (only !== undefined && !only.includes(key)) continue;
        const plan: LoadPlan = { ...partial, clients: CLIENTS, warmupMs: WARMUP_MS, durationMs: DURATION_MS };
        const cpuBefore = await sampleCpu(ownerPool);
        const result = await loadPhase(child, plan);
        const cpuAfter = await sampleCpu(ownerPool);
        const summary = summarize(result, cpuAfter.node - cpuBefore.node, postgresSeconds(cpuBefore, cpuAfter));
        results[key] = summary;
        const cells = [summary.p50Ms, summary.p90Ms, summary.p99Ms, summary.maxMs].map((v) => v.toFixed(1).padStart(7));
        console.log(
          [
            key.padEnd(18),
            label.padEnd(40),
            String(summary.requests).padStart(8),
            ...cells,
            summary.requestsPerSec.toFixed(0).padStart(8),
            String(summary.serverCpuMicros).padStart(9),
            String(summary.postgresCpuMicros ?? '?').padStart(5),
            String(summary.loadCpuMicros).padStart(7),
          ].join(' '),
        );
        if (summary.failures > 0) console.log(`  ${summary.failures} requests of ${key} answered another status: ${JSON.stringify(summary.statuses)}`);
      }
      const head = results.list50 as PhaseSummary | undefined;
      console.log(JSON.stringify({ p50Ms: head?.p50Ms, p99Ms: head?.p99Ms, requestsPerSec: head?.requestsPerSec, clients: CLIENTS, loadAverage: Number(loadavg()[0].toFixed(2)), phases: results }));
    } finally {
      child.kill();
      await server.close();
      await bareServer.close();
      await appPool.end();
      await ownerPool.end();
    }
  } finally {
    rmSync(blobDir, { recursive: true, force: true });
    await db.cleanup();
  }
}

await main();
