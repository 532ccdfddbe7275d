/**
 * The probes' running system: `npm start`'s entry (ops/server/main.ts) spawned as a process
 * against a test database, a member who can sign in, and a cookie-keeping HTTP client that
 * signs in through the real login form.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleOrganizationCommand, hashPassword } from '../../commands/organizations/index.js';
import { openLog } from '../../ops/platform.js';

/** Resolves with the first output match of `pattern`, or rejects when the process exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited with ${code} before ${pattern}; output:\n${seen}`));
    });
  });
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly base: string;
  readonly dataDir: string;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGKILL if still running, and the data folder removed. */
  kill(): void;
}

/** Spawns the server entry with `env` added (DATABASE_URL given: no embedded cluster). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'navcast-probe-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'ops/server/main.ts'], {
    env: { ...process.env, PORT: '0', NAVCAST_DATA_DIR: dataDir, NAVCAST_ROLE_PASSWORD: 'navcast-test-role-password', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const match = await waitForOutput(child, /listening on (http:\/\/\S+)/, 90_000);
  return {
    child,
    base: match[1],
    dataDir,
    output: () => output,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the `navcast` CLI as a process against `dbUrl`; resolves with its exit code and output. */
export function runNavcastCli(args: string[], dbUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'ops/cli/main.ts', ...args, '--database-url', dbUrl], { env: { ...process.env, DATABASE_URL: '' }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}

/** Creates an organisation with an active member who signs in with `password`. */
export async function createMember(ownerUrl: string, email: string, password: string): Promise<{ orgId: string; userId: string }> {
  const access = openLog(ownerUrl, 2);
  const orgId = randomUUID();
  const userId = randomUUID();
  const meta = () => ({ commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator' as const, name: 'probe' } });
  try {
    await handleOrganizationCommand(access.log, { type: 'CreateOrganization', orgId, name: `Probe ${orgId.slice(0, 8)}` }, meta());
    await handleOrganizationCommand(access.log, { type: 'InviteUser', orgId, userId, email, role: 'member', passwordHash: await hashPassword(password) }, meta());
    await handleOrganizationCommand(access.log, { type: 'ActivateUser', orgId, userId }, meta());
  } finally {
    await access.close();
  }
  return { orgId, userId };
}

/** A browser over fetch: cookies in and out, the last page's CSRF token. */
export class HttpBrowser {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** GETs a page and keeps its CSRF token; returns its text. */
  async page(path: string): Promise<{ status: number; text: string }> {
    const response = await this.request(path);
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token !== null) this.csrfToken = token[1];
    return { status: response.status, text };
  }

  async signIn(email: string, password: string): Promise<number> {
    await this.page('/login');
    const response = await this.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrfToken ?? '', email, password }).toString(),
    });
    await response.arrayBuffer();
    await this.page('/');
    return response.status;
  }
}
