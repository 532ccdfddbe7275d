/**
 * Helpers of the black-box probes (test/hardening): a listening portal, a latency probe that
 * polls /healthz over real HTTP while something else runs, and hostile workbooks.
 */
import http from 'node:http';

/** Latencies of /healthz requests made one after another until `stop` is called. */
export interface LatencyProbe {
  stop(): Promise<{ readonly samples: number; readonly p99Ms: number; readonly maxMs: number; readonly failures: number }>;
}

/** Polls `${base}/healthz` every `intervalMs` over a keep-alive connection. */
export function probeHealth(base: string, intervalMs = 20): LatencyProbe {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.get(`${base}/healthz`, { agent, timeout: 10_000 }, (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(performance.now() - started);
          if (response.statusCode !== 200) failures++;
          resolve();
        });
      });
      request.on('error', () => {
        failures++;
        resolve();
      });
    });
  const loop = (async () => {
    while (running) {
      await once();
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      const sorted = [...latencies].sort((a, b) => a - b);
      const p99Ms = sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
      return { samples: sorted.length, p99Ms, maxMs: sorted.at(-1) ?? Number.NaN, failures };
    },
  };
}

/** A valid CSV of `rows` contributions of one fund on one date, each a different amount. */
export function sameDayCsv(rows: number): Buffer {
  const lines = ['fund,currency,commitment,vintage,strategy,date,type,amount'];
  for (let i = 0; i < rows; i++) lines.push(`Same Day Fund,EUR,1000000000,2015,buyout,2016-03-31,contribution,${1000 + i}.25`);
  return Buffer.from(`${lines.join('\n')}\n`);
}
