import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` with nothing configured: embedded PostgreSQL, migrations, web server, and a
 * Ctrl-C delivered the way a terminal does it (SIGINT to the whole process group, which
 * includes npm, node and the PostgreSQL server) must stop everything cleanly.
 */
describe('npm start on its embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'navcast-embedded-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /healthz on embedded PostgreSQL and stops cleanly on a process-group SIGINT', async () => {
    const env: Record<string, string | undefined> = { ...process.env, PORT: '0', NAVCAST_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    delete env.NAVCAST_APP_DATABASE_URL;
    delete env.NAVCAST_PROJECTOR_DATABASE_URL;
    const child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    try {
      const deadline = Date.now() + 90_000;
      let url: string | undefined;
      while (url === undefined) {
        if (Date.now() > deadline) throw new Error(`npm start printed no URL; output:\n${output}`);
        url = output.match(/NAVcast listening on (http:\/\/\S+)/)?.[1];
        if (child.exitCode !== null) throw new Error(`npm start exited early; output:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', db: { status: 'ok' } });
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);
      // An empty system prints a one-time link for its first administrator, which serves the form.
      const setup = output.match(/first run: create the platform administrator at (\S+)/)?.[1];
      expect(setup).toMatch(/\/setup\?token=[A-Za-z0-9_-]{32}$/);
      const form = await fetch(setup as string);
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('Create the administrator');
      const login = await fetch(`${url}/login`);
      expect(login.status).toBe(200);

      process.kill(-(child.pid as number), 'SIGINT');
      // npm waits for the server, then re-raises the SIGINT on itself, as a shell expects.
      const { code, signal } = await exited;
      expect(code === 0 || signal === 'SIGINT', `exit ${code} ${signal}; output:\n${output}`).toBe(true);
      expect(output).toMatch(/SIGINT: stopping[\s\S]*\nstopped\n/);
      expect(output).not.toMatch(/Unhandled|stop failed|exiting without a clean stop/);
      // PostgreSQL removes its pid file when it has shut down.
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
    }
  }, 150_000);
});
