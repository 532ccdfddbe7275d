/**
 * bench:ingest: one upload of a workbook of 200 funds x 10 years of weekly rows, end to end:
 * parse, blob store, events (one atomic append) and every projection caught up. The upload
 * runs in a fresh child process so that peak RSS covers it alone (Node and tsx included).
 * Run: npm run bench:ingest [-- csv|xlsx] (default csv). Uses DATABASE_URL (owner/superuser)
 * when set, else an embedded cluster. The table gives wall and CPU time per phase (read,
 * store, parse phases, hashes, stream reads, decide, append, projections); the last line is
 * JSON with seconds, peakRssMb, cpuSeconds, the load average and wall ms per phase.
 * NAVCAST_BENCH_CPU_PROF=<folder> makes the child write a V8 CPU profile there.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PgTenantFeed } from '../../../commands/eventLog/index.js';
import { handleUpload, PgMultiStreamLog } from '../../../commands/funds/index.js';
import { writeFundsWorkbook } from '../../../commands/ingest/index.js';
import { createEventRegistry } from '../../../domain/eventCatalogue.js';
import { LocalBlobStore } from '../../../ops/blobs/index.js';
import { migrate } from '../../../ops/db/migrate.js';
import { allProjections, ProjectionRunner } from '../../../projections/index.js';
import { openBenchDatabase } from '../benchDatabase.js';
import { PhaseClock, type PhaseSummary, phaseRows } from './phaseClock.js';
import { syntheticFunds } from './syntheticFunds.js';

const FUNDS = 200;
const YEARS = 10;

/** The child: one upload, then projections to the head; prints its measurements as JSON. */
async function uploadOnce(path: string, url: string, blobDir: string): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const phases = new PhaseClock();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const registry = createEventRegistry();
  const bytes = await readFile(path);
  const read = performance.now();
  const orgId = randomUUID();
  phases.lap('read', performance.now() - started);
  const onPhase = (phase: string, ms: number) => phases.lap(phase, ms);
  const deps = { log: new PgMultiStreamLog(pool, registry), blobs: new LocalBlobStore(blobDir), parseOptions: { maxBytes: 100 * 1024 * 1024 }, onPhase };
  const meta = { commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator' as const, name: 'bench' } };
  const result = await handleUpload(deps, { orgId, filename: basename(path), bytes, source: 'cli' }, meta);
  if (!result.ok) throw new Error(`benchmark workbook rejected: ${result.problems[0].message}`);
  const uploaded = performance.now();
  const runner = new ProjectionRunner({ pool, feed: new PgTenantFeed(pool, registry), projections: allProjections, owner: `bench-${randomUUID()}`, batchSize: 500 });
  const applied = await runner.catchUp();
  await runner.stop();
  const projected = performance.now();
  phases.lap('project', projected - uploaded);
  const versions = await pool.query('SELECT count(*)::int AS n FROM read_models.fund_data_versions_v1 WHERE tenant_id = $1', [orgId]);
  await pool.end();
  if (versions.rows[0].n !== FUNDS) throw new Error(`expected ${FUNDS} data versions, found ${versions.rows[0].n}`);
  const used = process.cpuUsage(cpu);
  const report = {
    readMs: Math.round(read - started),
    uploadMs: Math.round(uploaded - read),
    projectMs: Math.round(projected - uploaded),
    events: applied / allProjections.length,
    seconds: Number(((projected - started) / 1000).toFixed(3)),
    cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(3)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    phases: phases.summary(),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** A migrated database for the run. */
async function openDatabase(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const db = await openBenchDatabase('navcast_ingest');
  await migrate(db.ownerUrl);
  return { url: db.ownerUrl, cleanup: () => db.cleanup() };
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === '--upload') return uploadOnce(args[0], args[1], args[2]);
  const format = mode === 'xlsx' ? 'xlsx' : 'csv';
  const folder = join(tmpdir(), 'navcast-bench-ingest');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `funds-${FUNDS}x${YEARS}y.${format}`);
  if (!existsSync(path)) await writeFundsWorkbook(path, syntheticFunds(FUNDS, YEARS), format);
  const db = await openDatabase();
  const blobDir = mkdtempSync(join(tmpdir(), 'navcast-bench-blobs-'));
  try {
    const self = fileURLToPath(import.meta.url);
    const profile = process.env.NAVCAST_BENCH_CPU_PROF; // a folder: the child writes a V8 CPU profile there
    const profiling = profile === undefined || profile === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`];
    const output = execFileSync(process.execPath, [...profiling, '--import', 'tsx', self, '--upload', path, db.url, blobDir], { encoding: 'utf8' });
    const report = JSON.parse(output.trim().split('\n').at(-1) as string) as Record<string, number> & { phases: PhaseSummary };
    const rows: [string, string][] = [
      ['workbook', `${format}, ${FUNDS} funds x ${YEARS} years weekly, ${(statSync(path).size / 1048576).toFixed(1)} MB`],
      ...phaseRows(report.phases),
      ['upload (store .. append), wall', `${report.uploadMs} ms`],
      ['projections caught up', `${report.projectMs} ms (${report.events} events)`],
      ['total wall / CPU', `${report.seconds} s / ${report.cpuSeconds} s`],
      ['peak RSS (child)', `${report.peakRssMb} MB`],
      ['load average (1 min)', `${loadavg()[0].toFixed(2)} on ${cpus().length} CPUs`],
    ];
    for (const [what, value] of rows) console.log(`${what.padEnd(46)} ${value}`);
    const phaseMs = Object.fromEntries(Object.entries(report.phases).map(([phase, t]) => [phase, t.wallMs]));
    console.log(JSON.stringify({ format, seconds: report.seconds, peakRssMb: report.peakRssMb, cpuSeconds: report.cpuSeconds, loadAverage: Number(loadavg()[0].toFixed(2)), phaseMs }));
  } finally {
    rmSync(blobDir, { recursive: true, force: true });
    await db.cleanup();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
