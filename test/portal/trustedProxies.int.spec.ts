/**
 * Behind a reverse proxy: with NAVCAST_TRUSTED_PROXIES naming the proxy, the client address
 * comes from X-Forwarded-For, so each client has its own sign-in rate limit and the access
 * log records the client, not the proxy. Without it (the default), the header is ignored: a
 * client cannot escape its rate limit, or write an address of its choice into the access
 * log, by sending the header itself. Injected requests arrive from 127.0.0.1, which plays the
 * proxy here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, WebConfigError, type PortalApp } from '../../web/app.js';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';

const COOKIE_SECRET = 'test-cookie-secret-0123456789abcdef0123456789';
let behindProxy: PortalFixture;
let direct: PortalApp;

beforeAll(async () => {
  behindProxy = await openPortalFixture({ trustedProxies: ['127.0.0.1'] });
  direct = await buildApp({ pool: behindProxy.appPool, cookieSecret: COOKIE_SECRET });
}, 120_000);
afterAll(async () => {
  await direct?.app.close();
  await behindProxy?.close();
});

/** Failed sign-ins sent with X-Forwarded-For `client`; returns the status codes. */
async function failedSignIns(browser: InjectBrowser, client: string, count: number): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) {
    const form = { _csrf: browser.csrfToken ?? '', email: 'member@acme.test', password: 'wrong password guess' };
    codes.push((await browser.request('POST', '/login', { form, headers: { 'x-forwarded-for': client } })).statusCode);
  }
  return codes;
}

describe('client address behind a trusted proxy', () => {
  it('keeps a sign-in rate limit per forwarded client', async () => {
    const browser = new InjectBrowser(behindProxy.app);
    await browser.get('/login');
    expect(await failedSignIns(browser, '203.0.113.7', 11)).toEqual([...Array<number>(10).fill(401), 429]);
    expect(await failedSignIns(browser, '203.0.113.8', 1)).toEqual([401]);
  });

  it('records the forwarded client in the access log', async () => {
    const upload = await behindProxy.upload(behindProxy.users.acmeMember, 'samples/navcast-sample.csv');
    if (!upload.ok) throw new Error('fixture upload failed');
    const fund = Object.values(upload.funds)[0].identityHash;
    const browser = new InjectBrowser(behindProxy.app);
    expect((await browser.signIn(behindProxy.users.acmeMember.email, FIXTURE_PASSWORD)).statusCode).toBe(303);
    expect((await browser.get(`/funds/${fund}`, { 'x-forwarded-for': '198.51.100.23' })).statusCode).toBe(200);
    const { rows } = await behindProxy.ownerPool.query("SELECT ip FROM web.access_log WHERE resource_type = 'fund' AND resource_id = $1", [fund]);
    expect(rows.map((r) => String(r.ip).replace(/\/32$/, ''))).toEqual(['198.51.100.23']);
  });
});

describe('client address without a trusted proxy (the default)', () => {
  it('ignores X-Forwarded-For: a client cannot pick the address it is limited under', async () => {
    const browser = new InjectBrowser(direct.app);
    await browser.get('/login');
    expect(await failedSignIns(browser, '203.0.113.7', 10)).toEqual(Array<number>(10).fill(401));
    expect(await failedSignIns(browser, '203.0.113.99', 1)).toEqual([429]);
  });

  it('refuses an invalid proxy list when the app is built', async () => {
    await expect(buildApp({ pool: behindProxy.appPool, cookieSecret: COOKIE_SECRET, trustedProxies: ['10.0.0.0/40'] })).rejects.toThrow(WebConfigError);
    await expect(buildApp({ pool: behindProxy.appPool, cookieSecret: COOKIE_SECRET, trustedProxies: ['proxy.internal'] })).rejects.toThrow(/"proxy.internal" is not an IP address/);
  });
});
