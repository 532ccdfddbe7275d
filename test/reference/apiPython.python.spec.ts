/**
 * docs/api-python.md's example, exactly as printed there (its one python code block), runs
 * against a real portal on loopback with a real API key: it pages through the fund list,
 * reads a fund's versions and series into pandas and refreshes with If-None-Match. The
 * Python tier: `npm run test:python` prepares .navcast/venv (pinned httpx and pandas with
 * NumPyro); without it this file fails, saying why (never skipped).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, type PortalFixture } from '../kit/portal.js';
import { openServedPortal, type ServedPortal } from '../kit/servedPortal.js';
import { probeNumpyro } from './navcastNumpyro.js';

const root = new URL('../..', import.meta.url).pathname;
const venv = probeNumpyro(root);
if ('reason' in venv) throw new Error(`the Python tier needs .navcast/venv: ${venv.reason} (run npm run test:python, which prepares it)`);
const libraries = spawnSync(venv.python, ['-c', 'import httpx, pandas'], { encoding: 'utf8', timeout: 60_000 });
if (libraries.status !== 0) throw new Error(`.navcast/venv lacks httpx or pandas (run npm run test:python, which installs them): ${(libraries.stderr ?? '').trim().slice(-300)}`);

let served: ServedPortal;
let f: PortalFixture;
let folder: string;

beforeAll(async () => {
  served = await openServedPortal('pandas notebook');
  f = served.f;
  folder = await mkdtemp(join(tmpdir(), 'navcast-api-python-'));
}, 120_000);
afterAll(async () => {
  await served?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

describe("docs/api-python.md's example", () => {
  it('lists every fund, reads versions and series into pandas and refreshes with a 304', async () => {
    if (!('python' in venv)) throw new Error('unreachable');
    const doc = await readFile(join(root, 'docs', 'api-python.md'), 'utf8');
    const blocks = [...doc.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(1);
    const script = join(folder, 'example.py');
    await writeFile(script, blocks[0]);
    // Asynchronously: the server answering the script runs on this process's event loop.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(venv.python, [script], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NAVCAST_URL: served.url, NAVCAST_API_KEY: served.key } }, (error, stdout, stderr) =>
        resolve({ status: error === null ? 0 : ((error as { code?: number }).code ?? 1), stdout, stderr }),
      );
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { funds: number; versions: number; navs: number; flows: number; refresh: number };
    const member = new InjectBrowser(f.app);
    await member.signIn(f.users.acmeMember.email, FIXTURE_PASSWORD);
    const funds = (await member.get('/api/v1/funds')).json().funds as { identityHash: string; latestVersion: number }[];
    const first = funds[0];
    const series = (await member.get(`/api/v1/funds/${first.identityHash}/versions/${first.latestVersion}`)).json();
    expect(report).toEqual({ funds: funds.length, versions: 1, navs: series.navs.length, flows: series.contributions.length + series.distributions.length, refresh: 304 });
    expect(run.stdout).toContain('Nordic Buyout Partners IV');
    expect(run.stdout).toContain('funds with a nowcast: 0 of 4');
  }, 180_000);
});
