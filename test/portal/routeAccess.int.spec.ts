import { createRequire } from 'node:module';
/**
 * Every registered route, checked against its declared access: anonymous requests are
 * refused (401 problem+json on the API, a redirect to the sign-in page for pages) unless the
 * route is on the explicit public list below; a role below the declared one gets 403; a user
 * of Acme asking for a Globex resource by id gets 404. New routes are picked up
 * automatically; a new public route or path parameter makes this file fail until it is
 * listed here on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRoleAtLeast, roles, type Role } from '../../domain/organizations/index.js';
import type { DeclaredRoute } from '../../web/auth/access.js';
import { concreteUrl, globexParams as foreignParams } from '../kit/crossTenant.js';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type FixtureUser, type PortalFixture } from '../kit/portal.js';

/** Routes anyone may call, and nothing else. */
const publicRoutes = new Set([
  'GET /healthz',
  'GET /setup',
  'POST /setup',
  'GET /assets/app.css',
  'GET /login',
  'POST /login',
  'GET /openapi.json',
  'GET /docs',
  `GET /docs/redoc-${createRequire(import.meta.url)('redoc/package.json').version}.js`,
  'GET /invitation/:token',
  'POST /invitation/:token',
  'GET /password/forgot',
  'POST /password/forgot',
  'GET /password/reset/:token',
  'POST /password/reset/:token',
  'GET /auth/oidc/login',
  'GET /auth/oidc/callback',
]);

let f: PortalFixture;
let globexFund: string;
const signedIn = new Map<string, InjectBrowser>();

/** Values for path parameters that name a Globex resource (for the cross-organisation check). */
let globexParams: Record<string, string>;

beforeAll(async () => {
  f = await openPortalFixture();
  const upload = await f.upload(f.users.globexMember, 'samples/navcast-sample.csv');
  if (!upload.ok) throw new Error('fixture upload failed');
  globexFund = Object.values(upload.funds)[0].identityHash;
  globexParams = foreignParams(f, { uploadId: upload.uploadId, fundIdentityHash: globexFund });
  for (const user of Object.values(f.users)) {
    const browser = new InjectBrowser(f.app);
    const response = await browser.signIn(user.email, FIXTURE_PASSWORD);
    if (response.statusCode !== 303) throw new Error(`sign-in of ${user.email} failed: ${response.statusCode}`);
    signedIn.set(user.email, browser);
  }
}, 120_000);
afterAll(async () => f?.close());

const key = (r: DeclaredRoute): string => `${r.method} ${r.url}`;
const isApi = (url: string): boolean => url.startsWith('/api/');
const guarded = (): DeclaredRoute[] => f.routes.filter((r) => r.method !== 'HEAD' && !('public' in r.access));

const concrete = concreteUrl;

/** The Acme user whose role is just below `role`, if any. */
function userBelow(role: Role): FixtureUser | undefined {
  const below = roles[roles.indexOf(role) - 1];
  const candidates = [f.users.acmeViewer, f.users.acmeMember, f.users.acmeAdmin];
  return candidates.find((u) => u.role === below);
}

describe('route access', () => {
  it('has the core routes registered, each with a declaration', () => {
    const all = new Set(f.routes.map(key));
    for (const route of ['GET /', 'GET /login', 'POST /logout', 'GET /openapi.json', 'GET /healthz']) expect(all).toContain(route);
  });

  it('opens only the routes on the public list', () => {
    const open = f.routes.filter((r) => r.method !== 'HEAD' && 'public' in r.access).map(key);
    for (const route of open) expect(publicRoutes, `${route} is public but not on the list`).toContain(route);
  });

  it('refuses every other route without credentials: 401 problem+json for the API, sign-in redirect for pages', async () => {
    const routes = guarded();
    expect(routes.length).toBeGreaterThan(2);
    for (const route of routes) {
      const url = concrete(route.url, globexParams);
      const response = await f.app.inject({ method: route.method as 'GET', url });
      if (isApi(route.url)) {
        expect(response.statusCode, key(route)).toBe(401);
        expect(response.headers['content-type'], key(route)).toContain('application/problem+json');
      } else {
        expect(response.statusCode, key(route)).toBe(303);
        expect(response.headers.location, key(route)).toMatch(/^\/login\?next=/);
      }
    }
  });

  it('answers 403 to a role below the declared one', async () => {
    let checked = 0;
    for (const route of guarded()) {
      const access = route.access;
      const below = 'role' in access ? userBelow(access.role) : f.users.acmeAdmin; // machine routes: any person
      if (below === undefined) continue; // viewer routes: no lower role exists
      const browser = signedIn.get(below.email) as InjectBrowser;
      const response = await browser.request(route.method as 'GET', concrete(route.url, globexParams), {
        headers: { 'x-csrf-token': browser.csrfToken ?? '' },
      });
      expect(response.statusCode, `${key(route)} as ${below.role}`).toBe(403);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("answers 404, never the data, when Acme asks for Globex's resources by id", async () => {
    const browser = signedIn.get(f.users.acmeAdmin.email) as InjectBrowser;
    const byId = guarded().filter((r) => r.url.includes(':') && 'role' in r.access && !hasRoleAtLeast(r.access.role, 'super_admin'));
    for (const route of byId.filter((r) => r.method === 'GET')) {
      const response = await browser.get(concrete(route.url, globexParams));
      expect(response.statusCode, key(route)).toBe(404);
      expect(response.body, key(route)).not.toContain(globexFund.slice(0, 16));
      expect(response.body, key(route)).not.toContain('Nordic Buyout');
    }
    for (const route of byId.filter((r) => r.method !== 'GET')) {
      const response = await browser.request(route.method as 'POST', concrete(route.url, globexParams), {
        headers: { 'x-csrf-token': browser.csrfToken ?? '' },
        json: {},
      });
      expect([404, 400], key(route)).toContain(response.statusCode);
    }
  });

  it('a Globex user still sees the same fund (the 404 above is tenancy, not a broken route)', async () => {
    const globex = signedIn.get(f.users.globexMember.email) as InjectBrowser;
    const fundRoute = f.routes.find((r) => r.method === 'GET' && r.url === '/funds/:identityHash');
    if (fundRoute === undefined) return expect(f.routes.map(key)).not.toContain('GET /funds/:identityHash');
    const response = await globex.get(`/funds/${globexFund}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Nordic Buyout');
  });
});
