/**
 * Resolved sessions are remembered for SessionPolicy.cacheSeconds (web/services/auth/sessions.ts):
 * a change made through this process (role change, deactivation, sign-out) applies at the next
 * request; one made elsewhere (here: the operator, as the CLI would) within the bound. A clock
 * the test moves; real PostgreSQL and projections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
// Near the real time: the session cookie's Expires is set from it, and the test browser drops expired cookies.
let now = new Date();

async function signedIn(email: string): Promise<InjectBrowser> {
  const browser = new InjectBrowser(f.app);
  expect((await browser.signIn(email, FIXTURE_PASSWORD)).statusCode).toBe(303);
  await browser.get('/'); // a page, so the browser holds a CSRF token
  return browser;
}

beforeAll(async () => {
  f = await openPortalFixture({ now: () => now, sessionPolicy: { absoluteSeconds: 12 * 3600, idleSeconds: 2 * 3600, cacheSeconds: 2 } });
}, 120_000);
afterAll(async () => f?.close());

describe('the session cache', () => {
  it('lets a deactivation made elsewhere apply within the bound, and no later', async () => {
    const viewer = await signedIn(f.users.acmeViewer.email);
    expect((await viewer.get('/api/v1/funds')).statusCode).toBe(200);
    await f.asOperator({ type: 'DeactivateUser', orgId: f.acmeOrgId, userId: f.users.acmeViewer.userId });
    await f.catchUp();
    now = new Date(now.getTime() + 1000);
    expect((await viewer.get('/api/v1/funds')).statusCode).toBe(200); // remembered for 2 s
    now = new Date(now.getTime() + 1500);
    expect((await viewer.get('/api/v1/funds')).statusCode).toBe(401);
  });

  it('applies a role change made through this process at the next request', async () => {
    const member = await signedIn(f.users.acmeMember.email);
    expect((await member.get('/api/v1/api-keys')).statusCode).toBe(403);
    const admin = await signedIn(f.users.acmeAdmin.email);
    const changed = await admin.request('PATCH', `/api/v1/users/${f.users.acmeMember.userId}`, { json: { role: 'org_admin' }, headers: { 'x-csrf-token': admin.csrfToken ?? '' } });
    expect(changed.statusCode).toBe(200);
    expect((await member.get('/api/v1/api-keys')).statusCode).toBe(200);
  });

  it('ends a signed-out session at once', async () => {
    const member = await signedIn(f.users.globexMember.email);
    expect((await member.get('/api/v1/funds')).statusCode).toBe(200);
    const jar = (member as unknown as { cookies: Map<string, string> }).cookies;
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    expect((await member.postForm('/logout')).statusCode).toBe(303);
    const replayed = await f.app.inject({ method: 'GET', url: '/api/v1/funds', headers: { cookie } });
    expect(replayed.statusCode).toBe(401);
  });
});
