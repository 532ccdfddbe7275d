/**
 * Probe: a valid 10 MB CSV with 150,000 contributions of one fund on one date. Its checks
 * were quadratic in the rows sharing a date and ran on the event loop (over 200 s, and
 * /healthz timed out meanwhile). Now, against the server as `npm start` runs it (parsing in
 * the parser pool, projecting in the projector thread), it is accepted in seconds and
 * /healthz stays fast throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { probeHealth, sameDayCsv } from './probeKit.js';
import { createMember, HttpBrowser, startServerProcess, type ServerProcess } from './serverProcess.js';

const PASSWORD = 'correct horse battery staple';
let db: TestDatabase;
let server: ServerProcess;
let member: HttpBrowser;

beforeAll(async () => {
  db = await createTestDatabase();
  await createMember(db.ownerUrl, 'member@sameday.test', PASSWORD);
  server = await startServerProcess({ DATABASE_URL: db.ownerUrl });
  member = new HttpBrowser(server.base);
  expect(await member.signIn('member@sameday.test', PASSWORD)).toBe(303);
}, 120_000);
afterAll(async () => {
  server?.kill();
  await db?.drop();
});

describe('a CSV with 150,000 rows on one fund and date', () => {
  it('is accepted in seconds while /healthz p99 stays under 100 ms', async () => {
    const csv = sameDayCsv(150_000);
    expect(csv.byteLength).toBeGreaterThan(9 * 1024 * 1024);
    const probe = probeHealth(server.base);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    const response = await member.request('/api/v1/uploads?filename=same-day.csv', {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv', 'x-csrf-token': member.csrfToken ?? '' },
    });
    const body = await response.text();
    const seconds = (performance.now() - started) / 1000;
    // Keep probing while the projector applies the new version (in its own thread).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const health = await probe.stop();
    process.stdout.write(`same-day CSV: ${response.status} in ${seconds.toFixed(1)} s; /healthz ${health.samples} samples, p99 ${health.p99Ms.toFixed(1)} ms, max ${health.maxMs.toFixed(1)} ms\n`);
    expect(response.status, body).toBe(201);
    expect((JSON.parse(body) as { funds: unknown[] }).funds).toMatchObject([{ fundName: 'Same Day Fund', version: 1, outcome: 'new' }]);
    expect(seconds).toBeLessThan(30);
    expect(health.failures).toBe(0);
    expect(health.samples).toBeGreaterThan(20);
    expect(health.p99Ms).toBeLessThan(100);
  }, 120_000);
});
