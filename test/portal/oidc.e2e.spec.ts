/**
 * OIDC sign-in in a real browser: headless Chromium follows the button on the sign-in page
 * to the local provider, through its (automatic) login step and back to the listening portal.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../ops/db/embeddedPostgres.js';
import { listenOn, type RunningWebServer } from '../../web/server.js';
import { launchChromium } from '../kit/chromium.js';
import { startOidcProvider, type RunningOidcProvider } from '../kit/oidcProvider.js';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
let idp: RunningOidcProvider;
let server: RunningWebServer;
let browser: Browser;

beforeAll(async () => {
  // The provider must know the callback before the portal listens, so the port is chosen first.
  const port = await freePort();
  const callback = `http://127.0.0.1:${port}/auth/oidc/callback`;
  idp = await startOidcProvider([callback]);
  f = await openPortalFixture({ oidc: idp.settingsFor(callback) });
  server = await listenOn(f.app, { host: '127.0.0.1', port });
  idp.putAccount({
    sub: 'sub-acme-admin',
    claims: { email: 'admin@acme.test', email_verified: true, 'cognito:username': 'acme-admin', 'cognito:groups': ['org_admin'], 'custom:org_id': f.acmeOrgId },
  });
  idp.putAccount({ sub: 'sub-stranger', claims: { email: 'stranger@acme.test', email_verified: true, 'custom:org_id': f.acmeOrgId } });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await f?.close(); // closes the app, and with it the listening server
  await idp?.close();
});

describe('OIDC sign-in in Chromium', () => {
  it('signs in with the identity provider button and lands on the organisation dashboard', async () => {
    idp.defaultAccount = 'sub-acme-admin';
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.click("text=Sign in with your organisation's identity provider");
    await page.waitForURL(`${server.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Funds');
    const header = (await page.locator('header').textContent()) ?? '';
    expect(header).toContain('Acme Pension Fund');
    expect(header).toContain('admin@acme.test');
    const cookies = await context.cookies(server.url);
    expect(cookies.find((c) => c.name === 'navcast_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await context.close();
  });

  it('shows a clear error page to a person the organisation never invited', async () => {
    idp.defaultAccount = 'sub-stranger';
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.click("text=Sign in with your organisation's identity provider");
    await page.waitForURL(/\/auth\/oidc\/callback/);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain("Sign-in with your organisation's identity provider failed");
    expect(main).toContain('stranger@acme.test');
    expect(main).toContain('oidc_unknown_user');
    expect((await context.cookies(server.url)).some((c) => c.name === 'navcast_session')).toBe(false);
    await context.close();
  });
});
