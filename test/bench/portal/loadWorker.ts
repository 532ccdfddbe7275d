/**
 * The load generator of bench:portal, in a worker thread so that it does not share the
 * server's event loop: `clients` concurrent keep-alive clients each send GET `url` one after
 * another until `untilMs` (performance.now() of the worker); latencies of requests that
 * started after `measureFromMs` are returned in milliseconds.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

interface LoadPlan {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly clients: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

async function run(plan: LoadPlan): Promise<{ latencies: number[]; failures: number; measuredMs: number }> {
  const start = performance.now();
  const measureFrom = start + plan.warmupMs;
  const until = measureFrom + plan.durationMs;
  const latencies: number[] = [];
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
      if (status !== 200) failures++;
      else if (sent >= measureFrom && done <= until) latencies.push(done - sent);
    }
  };
  await Promise.all(Array.from({ length: plan.clients }, client));
  agent.destroy();
  return { latencies, failures, measuredMs: plan.durationMs };
}

run(workerData as LoadPlan).then(
  (result) => parentPort?.postMessage(result),
  (error: unknown) => parentPort?.postMessage({ error: String((error as Error).stack ?? error) }),
);
