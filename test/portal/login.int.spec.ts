import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
beforeAll(async () => {
  f = await openPortalFixture();
}, 60_000);
afterAll(async () => f?.close());

describe('local sign-in with server-side sessions', () => {
  it('redirects an anonymous page request to the login form, keeping where it was going', async () => {
    const browser = new InjectBrowser(f.app);
    const response = await browser.get('/');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/login?next=%2F');
  });

  it('signs in, shows the organisation, rotates the session at a second sign-in and signs out', async () => {
    const browser = new InjectBrowser(f.app);
    const login = await browser.signIn('Member@Acme.test ', FIXTURE_PASSWORD);
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/');
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/navcast_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const first = browser.cookies.get('navcast_session');
    const home = await browser.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Acme Pension Fund');
    expect(home.body).toContain('member@acme.test');

    await browser.signIn('member@acme.test', FIXTURE_PASSWORD);
    expect(browser.cookies.get('navcast_session')).not.toBe(first);
    const stale = new InjectBrowser(f.app);
    stale.cookies.set('navcast_session', first as string);
    expect((await stale.get('/')).statusCode).toBe(303);

    await browser.get('/');
    const logout = await browser.postForm('/logout');
    expect(logout.statusCode).toBe(303);
    expect(browser.cookies.has('navcast_session')).toBe(false);
    const after = await browser.get('/');
    expect(after.statusCode).toBe(303);
  });

  it('refuses a wrong password and an unknown address with the same message', async () => {
    const wrong = await new InjectBrowser(f.app).signIn('member@acme.test', 'not the password at all');
    const unknown = await new InjectBrowser(f.app).signIn('nobody@acme.test', FIXTURE_PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('The e-mail address or the password is not right.');
    expect(unknown.body).toContain('The e-mail address or the password is not right.');
  });

  it('refuses a login form posted without the CSRF token', async () => {
    const browser = new InjectBrowser(f.app);
    await browser.get('/login');
    const response = await browser.request('POST', '/login', { form: { email: 'member@acme.test', password: FIXTURE_PASSWORD } });
    expect(response.statusCode).toBe(403);
    expect(browser.cookies.has('navcast_session')).toBe(false);
  });

  it('does not follow an off-site next parameter after sign-in', async () => {
    const browser = new InjectBrowser(f.app);
    await browser.get('/login');
    const response = await browser.postForm('/login', { email: 'member@acme.test', password: FIXTURE_PASSWORD, next: '//evil.example/x' });
    expect(response.headers.location).toBe('/');
  });

  it('keeps session rows out of reach of the application role: only the session functions touch them', async () => {
    await expect(f.appPool.query('SELECT count(*) FROM web.sessions')).rejects.toThrow(/permission denied/);
    await expect(f.appPool.query("UPDATE web.sessions SET expires_at = now() + interval '10 years'")).rejects.toThrow(/permission denied/);
    const { rows } = await f.ownerPool.query('SELECT session_hash FROM web.sessions LIMIT 1');
    expect(rows[0].session_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends security headers on pages', async () => {
    const response = await new InjectBrowser(f.app).get('/login');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers an unauthenticated JSON API request with 401 problem+json', async () => {
    const response = await f.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    const authed = await f.app.inject({ method: 'GET', url: '/api/v1/funds', headers: { authorization: 'Bearer sk_live_unknown' } });
    expect(authed.statusCode).toBe(401);
    expect(authed.headers['content-type']).toContain('application/problem+json');
    expect(authed.json()).toMatchObject({ status: 401, code: 'invalid_token' });
  });
});
