/**
 * Probe: a small XLSX whose Data sheet unpacks to 256 MiB was answered 422 only after 21-24 s
 * while the server's memory reached 2.0-2.7 GB. Now, in either entry order and with a false
 * size in its headers, it is refused in under 2 s as file_too_complex naming the limit, the
 * server's memory grows by less than 100 MB, and /healthz stays fast meanwhile. The same
 * workbook with a small Data sheet is accepted, so the refusal is the bomb's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUpload } from '../../commands/ingest/index.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { bombWorkbook, peakRssGrowth, probeHealth } from './probeKit.js';
import { createMember, HttpBrowser, startServerProcess, type ServerProcess } from './serverProcess.js';

const PASSWORD = 'correct horse battery staple';
const BOMB = 256 * 1024 * 1024;
let db: TestDatabase;
let server: ServerProcess;
let member: HttpBrowser;

beforeAll(async () => {
  db = await createTestDatabase();
  await createMember(db.ownerUrl, 'member@bomb.test', PASSWORD);
  server = await startServerProcess({ DATABASE_URL: db.ownerUrl });
  member = new HttpBrowser(server.base);
  expect(await member.signIn('member@bomb.test', PASSWORD)).toBe(303);
}, 120_000);
afterAll(async () => {
  server?.kill();
  await db?.drop();
});

describe('zip bombs', () => {
  it('the same workbook with a small Data sheet is a valid upload', async () => {
    const small = await bombWorkbook({ dataBytes: 64 * 1024, sheetsFirst: true });
    const read = await readUpload(small, 'small.xlsx');
    expect(read.ok, JSON.stringify(read)).toBe(true);
    expect(read.ok && read.funds.map((f) => f.name)).toEqual(['Bomb Fund']);
  });

  it.each([
    { label: 'worksheets first', sheetsFirst: true },
    { label: 'worksheets last', sheetsFirst: false },
    { label: 'false size in the headers', sheetsFirst: true, claimedSize: 4096 },
  ])('is refused fast and cheaply ($label)', async ({ sheetsFirst, claimedSize }) => {
    const bomb = await bombWorkbook({ dataBytes: BOMB, sheetsFirst, claimedSize });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const probe = probeHealth(server.base, 10);
    const started = performance.now();
    const { result: response, growthMb } = await peakRssGrowth(server.child.pid as number, async () => {
      const answer = await member.request('/api/v1/uploads?filename=bomb.xlsx', {
        method: 'POST',
        body: bomb,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'x-csrf-token': member.csrfToken ?? '' },
      });
      return { status: answer.status, body: (await answer.json()) as { code: string; problems: { code: string; message: string }[] } };
    });
    const seconds = (performance.now() - started) / 1000;
    const health = await probe.stop();
    process.stdout.write(
      `zip bomb (${bomb.length} bytes, ${sheetsFirst ? 'sheets first' : 'sheets last'}${claimedSize === undefined ? '' : ', false size'}): ${response.status} in ${seconds.toFixed(2)} s, server memory +${growthMb.toFixed(1)} MB, /healthz p99 ${health.p99Ms.toFixed(1)} ms\n`,
    );
    expect(response.status).toBe(422);
    expect(response.body.problems).toHaveLength(1);
    expect(response.body.problems[0].code).toBe('file_too_complex');
    expect(response.body.problems[0].message).toMatch(/unpacks to over 200 times its packed size/);
    expect(seconds).toBeLessThan(2);
    expect(growthMb).toBeLessThan(100);
    expect(health.failures).toBe(0);
    expect(health.p99Ms).toBeLessThan(100);
  }, 60_000);
});
