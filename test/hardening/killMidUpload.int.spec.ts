/**
 * Probe: an upload killed (kill -9) after its workbook was stored but before its events were
 * committed left the stored file for ever. Now the orphan sweep finds it: `navcast blobs
 * sweep --dry-run` lists it and removes nothing, and the next start removes it, while the
 * file of an accepted upload, a young orphan (inside the grace period) and a stray file
 * that is no blob stay; a write the crash left unfinished goes too.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { sameDayCsv } from './probeKit.js';
import { createMember, HttpBrowser, runNavcastCli, startServerProcess, type ServerProcess } from './serverProcess.js';

const PASSWORD = 'correct horse battery staple';
const TWO_HOURS_AGO = () => new Date(Date.now() - 2 * 3600 * 1000);
let db: TestDatabase;
let blobDir: string;
let orgId: string;
const servers: ServerProcess[] = [];

/** Every file under the blob folder, as keys relative to it. */
function storedFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [relative(blobDir, join(dir, entry.name)).split(sep).join('/')]));
  return existsSync(blobDir) ? walk(blobDir).sort() : [];
}

async function referencedKeys(): Promise<string[]> {
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    const rows = await client.query<{ key: string }>("SELECT payload::jsonb ->> 'blobKey' AS key FROM events WHERE event_type = 'FileUploaded'");
    return rows.rows.map((row) => row.key).sort();
  } finally {
    await client.end();
  }
}

async function server(): Promise<{ process: ServerProcess; member: HttpBrowser }> {
  const started = await startServerProcess({ DATABASE_URL: db.ownerUrl, NAVCAST_BLOB_DIR: blobDir, NAVCAST_BLOB_SWEEP_INTERVAL_S: '0' });
  servers.push(started);
  const member = new HttpBrowser(started.base);
  expect(await member.signIn('member@killed.test', PASSWORD)).toBe(303);
  return { process: started, member };
}

beforeAll(async () => {
  db = await createTestDatabase();
  ({ orgId } = await createMember(db.ownerUrl, 'member@killed.test', PASSWORD));
  blobDir = mkdtempSync(join(tmpdir(), 'navcast-killed-blobs-'));
}, 120_000);
afterAll(async () => {
  for (const s of servers) s.kill();
  rmSync(blobDir, { recursive: true, force: true });
  await db?.drop();
});

describe('an upload killed between storing its file and recording its events', () => {
  it('leaves an orphan that the dry run lists and the next start removes, and nothing else', async () => {
    const first = await server();
    const send = (filename: string, body: Buffer) =>
      first.member.request(`/api/v1/uploads?filename=${filename}`, { method: 'POST', body, headers: { 'content-type': 'text/csv', 'x-csrf-token': first.member.csrfToken ?? '' } });
    const accepted = await send('kept.csv', sameDayCsv(10));
    expect(accepted.status).toBe(201);
    const [keptKey] = await referencedKeys();
    expect(storedFiles()).toEqual([keptKey]);

    // A 10 MB file parses for seconds after it is stored: kill -9 as soon as it is on disk.
    void send('killed.csv', sameDayCsv(150_000)).catch(() => undefined);
    const deadline = Date.now() + 30_000;
    while (storedFiles().filter((f) => !f.endsWith('.partial')).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    first.process.child.kill('SIGKILL');
    await new Promise((resolve) => first.process.child.once('exit', resolve));
    const orphanKey = storedFiles().find((f) => f !== keptKey && !f.endsWith('.partial'));
    expect(orphanKey, 'the killed upload had stored its file').toBeDefined();
    expect(await referencedKeys()).toEqual([keptKey]); // no event names it: an orphan

    // Time passes (both files older than the grace period); a young orphan, a stray file and an
    // unfinished write appear beside them.
    for (const key of [keptKey, orphanKey as string]) utimesSync(join(blobDir, key), TWO_HOURS_AGO(), TWO_HOURS_AGO());
    const youngKey = `uploads/${orgId}/${'a'.repeat(64)}`;
    writeFileSync(join(blobDir, youngKey), 'young');
    mkdirSync(join(blobDir, 'uploads', 'notes'), { recursive: true });
    writeFileSync(join(blobDir, 'uploads', 'notes', 'README.txt'), 'not a blob');
    utimesSync(join(blobDir, 'uploads', 'notes', 'README.txt'), TWO_HOURS_AGO(), TWO_HOURS_AGO());
    const partial = `${orphanKey}.00000000-0000-4000-8000-000000000000.partial`;
    writeFileSync(join(blobDir, partial), 'half');
    utimesSync(join(blobDir, partial), TWO_HOURS_AGO(), TWO_HOURS_AGO());

    const dry = await runNavcastCli(['blobs', 'sweep', '--dry-run', '--blobs', blobDir], db.ownerUrl);
    expect(dry.code, dry.stderr).toBe(0);
    const report = JSON.parse(dry.stdout) as { dryRun: boolean; kinds: Record<string, Record<string, number>>; orphans: { key: string }[] };
    expect(report.dryRun).toBe(true);
    expect(report.orphans.map((o) => o.key)).toEqual([orphanKey]);
    expect(report.kinds.upload).toMatchObject({ scanned: 3, referenced: 1, young: 1, removed: 1 });
    expect(storedFiles()).toContain(orphanKey);

    const second = await server();
    // The first sweep runs just after "listening" (which startServerProcess waited for).
    const sweepLine = () => /blob sweep: upload: .*/.exec(second.process.output());
    for (let i = 0; i < 300 && sweepLine() === null; i++) await new Promise((r) => setTimeout(r, 100));
    const line = sweepLine() ?? [`no sweep line in:\n${second.process.output()}`];
    process.stdout.write(`after kill -9 and restart: ${line[0]}\n`);
    expect(line[0]).toContain('3 stored, 1 referenced, 1 in grace, 0 kept unsure, 1 orphans removed');
    expect(line[0]).toContain('1 unfinished writes removed');
    expect(storedFiles()).toEqual([keptKey, youngKey, 'uploads/notes/README.txt'].sort());
  }, 180_000);
});
