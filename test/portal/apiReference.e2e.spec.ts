/**
 * /docs in a real browser: Redoc (served by the portal, no CDN) renders the operations of
 * /openapi.json under the page's content security policy with no violation and no script
 * error; the API keys page links to it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOn, type RunningWebServer } from '../../web/server.js';
import { launchChromium } from '../kit/chromium.js';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
let server: RunningWebServer;
let browser: Browser;

beforeAll(async () => {
  f = await openPortalFixture();
  server = await listenOn(f.app, { host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

describe('the API reference', () => {
  it('renders every tag and the fund list operation with no CSP violation or script error', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !/^(data|blob):/.test(request.url())) elsewhere.push(request.url());
    });
    const response = await page.goto(`${server.url}/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // The operation's heading in the content pane (the menu holds a second, collapsed copy).
    await page.locator('h2', { hasText: "The organisation's funds with their latest version" }).first().waitFor({ timeout: 30_000 });
    const text = await page.locator('body').innerText();
    for (const tag of ['funds', 'uploads', 'users', 'api-keys', 'admin']) expect(text.toLowerCase()).toContain(tag);
    expect(text).toContain('If-None-Match');
    expect(problems).toEqual([]);
    expect(elsewhere, 'the reference is rendered from this server alone').toEqual([]);
    await page.close();
  }, 60_000);

  it('is linked from the API keys page', async () => {
    const admin = new InjectBrowser(f.app);
    expect((await admin.signIn(f.users.acmeAdmin.email, FIXTURE_PASSWORD)).statusCode).toBe(303);
    const keys = await admin.get('/settings/api-keys');
    expect(keys.body).toContain('href="/docs"');
  });
});
