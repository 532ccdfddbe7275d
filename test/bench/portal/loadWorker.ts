/**
 * The load generator of bench:portal, in a worker thread so that it does not share the
 * server's event loop: `clients` concurrent keep-alive clients each send GET `url` one after
 * another until `untilMs` (performance.now() of the worker); latencies of requests that
 * started after `measureFromMs` are returned in milliseconds.
 */
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
  const client = async (): Promise<void> => {
    while (performance.now() < until) {
      const sent = performance.now();
      const response = await fetch(plan.url, { headers: plan.headers });
      await response.arrayBuffer();
      const done = performance.now();
      if (response.status !== 200) failures++;
      else if (sent >= measureFrom && done <= until) latencies.push(done - sent);
    }
  };
  await Promise.all(Array.from({ length: plan.clients }, client));
  return { latencies, failures, measuredMs: plan.durationMs };
}

run(workerData as LoadPlan).then(
  (result) => parentPort?.postMessage(result),
  (error: unknown) => parentPort?.postMessage({ error: String((error as Error).stack ?? error) }),
);
