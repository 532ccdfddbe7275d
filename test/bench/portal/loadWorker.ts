/**
 * The load generator of bench:portal, a child process (forked with tsx) so that it shares
 * neither the server's event loop nor its CPU account: it receives one phase at a time over
 * IPC, runs `clients` concurrent keep-alive clients that each send GET `url` one after another
 * for warm-up plus duration, and answers with the latencies (ms) of requests that started
 * after the warm-up, the status counts and its own CPU seconds.
 */
import { Agent, request } from 'node:http';

/** One phase of load: which URL, with which headers, how many clients, for how long. */
export interface LoadPlan {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly clients: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** The status a request must answer with to count (200, or 304 for a conditional read). */
  readonly expectStatus: number;
}

/** What one phase measured. */
export interface LoadResult {
  readonly latencies: number[];
  readonly failures: number;
  readonly statuses: Record<string, number>;
  readonly measuredMs: number;
  readonly cpuSeconds: number;
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const measureFrom = start + plan.warmupMs;
  const until = measureFrom + plan.durationMs;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  // node:http with one keep-alive socket per client: lighter than fetch, so the generator
  // takes less of the two cores it shares with the server and PostgreSQL.
  const agent = new Agent({ keepAlive: true, maxSockets: plan.clients });
  const get = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request(plan.url, { agent, headers: plan.headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  const client = async (): Promise<void> => {
    while (performance.now() < until) {
      const sent = performance.now();
      const status = await get();
      const done = performance.now();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== plan.expectStatus) failures++;
      else if (sent >= measureFrom && done <= until) latencies.push(done - sent);
    }
  };
  await Promise.all(Array.from({ length: plan.clients }, client));
  agent.destroy();
  const cpu = process.cpuUsage(cpuBefore);
  return { latencies, failures, statuses, measuredMs: plan.durationMs, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

process.on('message', (plan: LoadPlan) => {
  run(plan).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ error: String((error as Error).stack ?? error) }),
  );
});
