/**
 * Event log benchmark (`npm run bench:eventlog`). Not a timed test: it prints a table and,
 * as its last line, one JSON object with appendsPerSecAllTenants, appendsPerSecOneTenant,
 * rebuildEventsPerSec and verifyEventsPerSec (null where not measured).
 *
 * Appends are what command handlers do: many concurrent callers, each appending one event
 * to its own stream with an exact expected version, through PgEventLog (group commit).
 * Uses DATABASE_URL (a superuser/owner URL) when set, else starts its own embedded cluster
 * with PostgreSQL's default durability settings (fsync and synchronous_commit on).
 * BENCH_SECONDS sets each phase's duration (default 10); BENCH_CALLERS and BENCH_CALLERS_ONE
 * the concurrent callers per tenant (defaults 32 and 256); BENCH_SYNC=off starts the embedded
 * cluster with synchronous_commit=off (for comparison; the default is the durable setting).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { verifyDatabase } from '../../commands/audit/index.js';
import { PgEventLog } from '../../commands/eventLog/index.js';
import { EventPayloadRedacted, EventTypeRegistry, defineEvent, type EventMetadata } from '../../domain/events/index.js';
import { migrate } from '../../ops/db/migrate.js';
import { setRolePasswords } from '../../ops/db/roles.js';
import { openBenchDatabase } from './benchDatabase.js';
import { measureRebuild } from './rebuild.js';
import { cpuPerEvent, sampleCpu, type CpuSample } from './cpuMeter.js';

const BenchAmountRecorded = defineEvent({
  type: 'BenchAmountRecorded',
  schema: z.object({ fundId: z.string(), amount: z.number(), currency: z.string().length(3), note: z.string() }),
});

const seconds = Number(process.env.BENCH_SECONDS ?? '10');
/** Concurrent callers per tenant in the 16-tenant phase and in the one-tenant phase. */
const callersEach = Number(process.env.BENCH_CALLERS ?? '32');
const callersOne = Number(process.env.BENCH_CALLERS_ONE ?? '256');
const metadata: EventMetadata = { actor: { kind: 'user', id: 'bench-user' }, commandId: 'bench', correlationId: 'bench', causationId: null };

interface Phase {
  readonly name: string;
  readonly events: number;
  readonly seconds: number;
  readonly transactions: number;
  /** CPU microseconds per event, "node + postgres". */
  readonly cpu: string;
}

/** Runs `callersPerTenant` concurrent callers per tenant for `durationMs`; counts committed events. */
async function appendLoad(log: PgEventLog, tenants: readonly string[], callersPerTenant: number, durationMs: number): Promise<{ events: number; seconds: number }> {
  const deadline = Date.now() + durationMs;
  const started = process.hrtime.bigint();
  let events = 0;
  const caller = async (tenantId: string, streamId: string): Promise<void> => {
    let expectedVersion: number | 'no_stream' = 'no_stream';
    while (Date.now() < deadline) {
      const payload = { fundId: streamId, amount: Math.round(Math.random() * 1e8) / 100, currency: 'EUR', note: 'capital call' };
      const result = await log.append(tenantId, streamId, [{ eventId: randomUUID(), eventType: BenchAmountRecorded.type, payload, metadata }], {
        expectedVersion,
      });
      expectedVersion = result.nextExpectedVersion;
      events += 1;
    }
  };
  await Promise.all(tenants.flatMap((tenantId) => Array.from({ length: callersPerTenant }, () => caller(tenantId, `fund-${randomUUID()}`))));
  return { events, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function transactionsIn(owner: pg.Pool, tenants: readonly string[]): Promise<number> {
  const { rows } = await owner.query('SELECT count(DISTINCT tx_id)::int AS n FROM events WHERE tenant_id = ANY($1::uuid[])', [tenants]);
  return rows[0].n;
}

async function main(): Promise<void> {
  const { ownerUrl, cleanup } = await openBenchDatabase('navcast_bench', {
    max_connections: '100',
    synchronous_commit: process.env.BENCH_SYNC ?? 'on',
  });
  const phases: Phase[] = [];
  const result = {
    appendsPerSecAllTenants: null as number | null,
    appendsPerSecOneTenant: null as number | null,
    rebuildEventsPerSec: null as number | null,
    verifyEventsPerSec: null as number | null,
  };
  try {
    await migrate(ownerUrl);
    const urls = await setRolePasswords(ownerUrl, 'navcast-bench');
    const owner = new pg.Pool({ connectionString: ownerUrl, max: 4, idleTimeoutMillis: 0 });
    const app = new pg.Pool({ connectionString: urls.app, max: 16, idleTimeoutMillis: 0 });
    const settings = await owner.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version') ORDER BY name");
    const log = new PgEventLog(app, new EventTypeRegistry().register(EventPayloadRedacted, BenchAmountRecorded));
    const sixteen = Array.from({ length: 16 }, () => randomUUID());
    const one = [randomUUID()];
    await appendLoad(
      log,
      Array.from({ length: 16 }, () => randomUUID()),
      4,
      1000,
    ); // warm-up: plans, caches, connections

    let before = await sampleCpu(owner);
    const all = await appendLoad(log, sixteen, callersEach, seconds * 1000);
    let after = await sampleCpu(owner);
    phases.push({ name: `append, 16 tenants x ${callersEach} callers`, ...all, transactions: await transactionsIn(owner, sixteen), cpu: cpuPerEvent(before, after, all.events) });
    result.appendsPerSecAllTenants = Math.round(all.events / all.seconds);
    before = await sampleCpu(owner);
    const single = await appendLoad(log, one, callersOne, seconds * 1000);
    after = await sampleCpu(owner);
    phases.push({ name: `append, 1 tenant x ${callersOne} callers`, ...single, transactions: await transactionsIn(owner, one), cpu: cpuPerEvent(before, after, single.events) });
    result.appendsPerSecOneTenant = Math.round(single.events / single.seconds);

    const client = await owner.connect();
    try {
      const cpuBefore = await sampleCpu(owner);
      const started = process.hrtime.bigint();
      const verified = await verifyDatabase(client, {});
      const took = Number(process.hrtime.bigint() - started) / 1e9;
      const cpuAfter = await sampleCpu(owner);
      const failed = verified.filter((v) => !v.ok);
      if (failed.length > 0) throw new Error(`verification failed: ${JSON.stringify(failed[0])}`);
      const { rows } = await client.query('SELECT count(*)::int AS n FROM events');
      phases.push({ name: `verify (${verified.length} tenants)`, events: rows[0].n, seconds: took, transactions: 0, cpu: cpuPerEvent(cpuBefore, cpuAfter, rows[0].n) });
      result.verifyEventsPerSec = Math.round(rows[0].n / took);
    } finally {
      client.release();
    }
    // Rebuild: organisation events (the domain the projections know) into a scratch schema.
    let rebuildCpu: CpuSample[] = [];
    const rebuild = await measureRebuild(ownerUrl, {
      beforeRebuild: async () => void (rebuildCpu = [await sampleCpu(owner)]),
      afterRebuild: async () => void rebuildCpu.push(await sampleCpu(owner)),
    });
    phases.push({
      name: `rebuild (${rebuild.tenants} tenants, scratch schema)`,
      events: rebuild.events,
      seconds: rebuild.seconds,
      transactions: 0,
      cpu: cpuPerEvent(rebuildCpu[0], rebuildCpu[1], rebuild.events),
    });
    result.rebuildEventsPerSec = Math.round(rebuild.events / rebuild.seconds);
    await Promise.all([owner.end(), app.end()]);

    console.log(`PostgreSQL ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}; ${seconds} s per append phase`);
    const load = (await import('node:os')).loadavg()[0].toFixed(1);
    console.log(`load average ${load} on ${(await import('node:os')).cpus().length} CPUs; cpu = CPU microseconds per event, node + postgres`);
    console.log(['phase'.padEnd(36), 'events'.padStart(9), 'seconds'.padStart(8), 'events/s'.padStart(9), 'ev/tx'.padStart(7), 'cpu'.padStart(12)].join(' '));
    for (const p of phases) {
      const perTx = p.transactions > 0 ? (p.events / p.transactions).toFixed(1) : '-';
      console.log(
        [p.name.padEnd(36), String(p.events).padStart(9), p.seconds.toFixed(2).padStart(8), String(Math.round(p.events / p.seconds)).padStart(9), perTx.padStart(7), p.cpu.padStart(12)].join(' '),
      );
    }
  } finally {
    await cleanup();
  }
  console.log(JSON.stringify(result));
}

await main();
