/**
 * Probe: `kill -TERM <pid of npm start>` (what systemd, supervisord or a container runtime
 * sends to the process it started) left the Node server and its embedded PostgreSQL running,
 * orphaned, holding the port and the data folder: npm's `sh -c` did not pass the signal on.
 * Now the script execs node, so SIGTERM (and SIGINT) to npm's own pid stop the server, the
 * projector, the parser workers and PostgreSQL within a bounded time. A second start on a
 * data folder whose PostgreSQL still runs says so and exits. Served on 0.0.0.0 over plain
 * HTTP, the start warns that traffic is unencrypted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForOutput } from './serverProcess.js';

const dataDir = mkdtempSync(join(tmpdir(), 'navcast-stop-'));
chmodSync(dataDir, 0o755);
const started: ChildProcess[] = [];

function npmStart(extra: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
  const env: Record<string, string | undefined> = { ...process.env, PORT: '0', NAVCAST_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extra };
  delete env.DATABASE_URL;
  // Not detached: the signal goes to npm's pid alone, as a process manager sends it.
  const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start under a process manager', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s to npm stops the server and PostgreSQL; a second start meanwhile is refused clearly', async (signal) => {
    const first = npmStart({ HOST: '0.0.0.0' });
    const url = (await waitForOutput(first.child, /NAVcast listening on (http:\/\/\S+)/, 120_000))[1];
    const port = new URL(url).port;
    await waitForOutput(first.child, /warning: serving plain HTTP on 0\.0\.0\.0/, 10_000).catch(() => undefined);
    expect(first.output()).toContain('warning: serving plain HTTP on 0.0.0.0');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(postmaster)).toBe(true);

    const second = npmStart();
    const exit = await new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    expect(exit).not.toBe(0);
    expect(second.output()).toMatch(/is already running \(pid \d+\): another `npm start` uses this data folder/);

    const stoppedAt = performance.now();
    const exited = new Promise<number | null>((resolve) => first.child.once('exit', resolve));
    process.kill(first.child.pid as number, signal);
    expect(await exited).toBe(0);
    for (let i = 0; i < 100 && alive(postmaster); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const seconds = (performance.now() - stoppedAt) / 1000;
    process.stdout.write(`${signal} to npm: stopped in ${seconds.toFixed(1)} s\n`);
    expect(alive(postmaster)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(first.output()).toMatch(new RegExp(`${signal}: stopping\\nstopped\\n`));
    expect(seconds).toBeLessThan(20);
  }, 240_000);
});
