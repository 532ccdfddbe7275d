/**
 * The outside probes that found the path and header defects of the hardening issue, run on
 * every operation of /openapi.json (what an attacker reads first) and every route of the
 * route table: anonymous and percent-encoded paths are refused as the API refuses, a stale
 * bearer token on a public route changes nothing, an unknown one elsewhere is 401, and a
 * JSON operation sent text/plain is 415. test/portal/routeAccess covers roles and tenancy.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Operation {
  readonly method: Method;
  readonly path: string;
  readonly jsonBody: boolean;
  readonly public: boolean;
}

let f: PortalFixture;
let operations: Operation[];

/** Any value for a path parameter: the request is refused before the value matters. */
const concrete = (path: string): string => path.replace(/\{[^}]+\}|:[A-Za-z0-9_]+/g, () => randomUUID());

/** Every segment's first letter percent-encoded: `/api/v1/funds` -> `/%61pi/%761/%66unds`. */
const percentEncoded = (path: string): string => path.replace(/\/([A-Za-z])/g, (_m, letter: string) => `/%${letter.charCodeAt(0).toString(16)}`);

beforeAll(async () => {
  f = await openPortalFixture();
  const document = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, { security?: unknown[]; requestBody?: { content: Record<string, unknown> } }>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase() as Method,
      path,
      jsonBody: op.requestBody?.content['application/json'] !== undefined,
      public: Array.isArray(op.security) && op.security.length === 0,
    })),
  );
}, 120_000);
afterAll(async () => f?.close());

async function eventCount(): Promise<number> {
  return (await f.ownerPool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0].n;
}

describe('probes from /openapi.json', () => {
  it('finds the operations to probe', () => {
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((op) => op.jsonBody).length).toBeGreaterThan(3);
  });

  it('refuses every guarded operation anonymously, also with its path percent-encoded, as 401 problem+json', async () => {
    for (const op of operations.filter((o) => !o.public)) {
      for (const url of [concrete(op.path), percentEncoded(concrete(op.path))]) {
        const response = await f.app.inject({ method: op.method, url });
        expect(response.statusCode, `${op.method} ${url}`).toBe(401);
        expect(response.headers['content-type'], `${op.method} ${url}`).toContain('application/problem+json');
        expect(response.json(), `${op.method} ${url}`).toMatchObject({ code: 'authentication_required' });
      }
    }
  });

  it('answers 401 invalid_token to an unknown bearer token on every guarded operation', async () => {
    for (const op of operations.filter((o) => !o.public)) {
      for (const token of ['sk_live_unknown', 'mt_unknown', 'something-else']) {
        const response = await f.app.inject({ method: op.method, url: concrete(op.path), headers: { authorization: `Bearer ${token}` } });
        expect(response.statusCode, `${op.method} ${op.path} with ${token}`).toBe(401);
        expect(response.json()).toMatchObject({ code: 'invalid_token' });
      }
    }
  });

  it('answers every JSON operation sent text/plain with 415 unsupported_media_type, naming the type', async () => {
    const admin = new InjectBrowser(f.app);
    expect((await admin.signIn(f.users.admin.email, FIXTURE_PASSWORD)).statusCode).toBe(303);
    await admin.get('/');
    for (const op of operations.filter((o) => o.jsonBody)) {
      const response = await admin.request(op.method, concrete(op.path), { headers: { 'x-csrf-token': admin.csrfToken ?? '', 'content-type': 'text/plain' } });
      // Refused for the type, or earlier for the role (a super_admin lacks tenant roles): never read.
      expect([415, 403], `${op.method} ${op.path}`).toContain(response.statusCode);
      if (response.statusCode === 415) expect((response.json() as { detail: string }).detail).toContain('text/plain');
    }
  });
});

describe('probes from the route table', () => {
  it('public routes answer the same with a stale bearer token as without one', async () => {
    const open = f.routes.filter((r) => r.method === 'GET' && 'public' in r.access && !r.url.includes(':') && !r.url.startsWith('/auth/oidc'));
    expect(open.map((r) => r.url)).toContain('/healthz');
    for (const route of open) {
      const plain = await f.app.inject({ method: 'GET', url: route.url });
      const stale = await f.app.inject({ method: 'GET', url: route.url, headers: { authorization: 'Bearer sk_live_revoked_long_ago' } });
      expect(stale.statusCode, route.url).toBe(plain.statusCode);
    }
  });

  it('refuses every state-changing route sent with the session cookie but no valid CSRF token, and records nothing', async () => {
    const browsers = new Map<string, InjectBrowser>();
    for (const user of [f.users.admin, f.users.acmeAdmin]) {
      const browser = new InjectBrowser(f.app);
      expect((await browser.signIn(user.email, FIXTURE_PASSWORD)).statusCode).toBe(303);
      await browser.get('/'); // holds the CSRF secret cookie, as after any page
      browsers.set(user.role, browser);
    }
    const anonymous = new InjectBrowser(f.app);
    await anonymous.get('/login');
    const changing = f.routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !('machine' in r.access));
    expect(changing.length).toBeGreaterThan(15);
    const before = await eventCount();
    let refused = 0;
    for (const route of changing) {
      const access = route.access;
      const browser = 'public' in access ? anonymous : (browsers.get('role' in access && access.role === 'super_admin' ? 'super_admin' : 'org_admin') as InjectBrowser);
      const attempts: Record<string, string>[] = [{}, { 'x-csrf-token': 'forged-token' }];
      for (const headers of attempts) {
        const response = await browser.request(route.method as Method, concrete(route.url), { headers, json: {} });
        expect(response.statusCode, `${route.method} ${route.url} ${JSON.stringify(headers)}`).toBe(403);
        if (route.url.startsWith('/api/')) expect(response.json()).toMatchObject({ code: 'csrf_token_invalid' });
        else expect(response.body).toContain('reload the page');
        refused++;
      }
    }
    process.stdout.write(`CSRF probe: ${refused} requests to ${changing.length} routes refused\n`);
    expect(await eventCount()).toBe(before);
  });

  it('pages reached by a percent-encoded path still go to the sign-in page', async () => {
    const pages = f.routes.filter((r) => r.method === 'GET' && !('public' in r.access) && !r.url.startsWith('/api/'));
    expect(pages.length).toBeGreaterThan(3);
    for (const route of pages) {
      const response = await f.app.inject({ method: 'GET', url: percentEncoded(concrete(route.url)) });
      expect(response.statusCode, route.url).toBe(303);
      expect(response.headers.location, route.url).toMatch(/^\/login\?next=/);
    }
  });
});
