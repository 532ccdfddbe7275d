/**
 * The portal in a real browser, the way a client uses it: sign in, upload a workbook, see
 * the fund and its chart, be refused another organisation's fund by URL, sign out. Also the
 * same pages on a phone-sized viewport without horizontal scrolling.
 */
import { Writable } from 'node:stream';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOn, type RunningWebServer } from '../../web/server.js';
import { launchChromium } from '../kit/chromium.js';
import { concreteUrl, globexParams } from '../kit/crossTenant.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
let server: RunningWebServer;
let browser: Browser;
let globexFund: string;
let globexUpload: string;

/** Every request log line of the run, every URL the browser requested and every secret it held. */
const logLines: string[] = [];
const requestedUrls: string[] = [];
const secrets = new Set<string>();

beforeAll(async () => {
  f = await openPortalFixture({ logLevel: 'info', logStream: new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) }) });
  const upload = await f.upload(f.users.globexMember, 'samples/navcast-sample.csv');
  if (!upload.ok) throw new Error('fixture upload failed');
  globexFund = Object.values(upload.funds)[0].identityHash;
  globexUpload = upload.uploadId;
  server = await listenOn(f.app, { host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await f?.close(); // closes the app, and with it the listening server
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', FIXTURE_PASSWORD);
  await page.click('form[action="/login"] button[type="submit"]');
  await page.waitForURL(`${server.url}/`);
}

/** Records every URL the page requests and the CSRF tokens of every page it is shown. */
function watch(page: Page): void {
  page.on('request', (request) => requestedUrls.push(request.url()));
  page.on('response', async (response) => {
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) return;
    const text = await response.text().catch(() => '');
    for (const match of text.matchAll(/name="_csrf" value="([^"]+)"/g)) secrets.add(match[1]);
  });
}

async function rememberCookies(context: BrowserContext): Promise<void> {
  for (const cookie of await context.cookies()) if (cookie.value.length >= 16) secrets.add(cookie.value);
}

describe('portal in Chromium', () => {
  it('signs in, uploads a workbook, sees the fund with its chart, is refused a foreign fund, signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    await signIn(page, 'member@acme.test');
    await expect(page.locator('h1').textContent()).resolves.toBe('Funds');
    await expect(page.locator('header').textContent()).resolves.toContain('Acme Pension Fund');

    await page.click('nav >> text=Upload');
    await page.setInputFiles('input[type="file"]', 'samples/navcast-sample.xlsx');
    await page.click('form[enctype="multipart/form-data"] button[type="submit"]');
    await page.waitForLoadState('load');
    const result = (await page.locator('main').textContent()) ?? '';
    expect(result).toContain('Nordic Buyout Partners IV');
    expect(result).toMatch(/new/i);

    await page.click('main a[href^="/funds/"]');
    await page.waitForURL(/\/funds\/[0-9a-f]{64}$/);
    expect(await page.locator('h1').textContent()).toContain('Nordic Buyout Partners IV');
    const chart = page.locator('svg.chart').first();
    await expect(chart.isVisible()).resolves.toBe(true);
    expect(await chart.locator('path, polyline').count()).toBeGreaterThan(0);

    const foreign = await page.goto(`${server.url}/funds/${globexFund}`);
    expect(foreign?.status()).toBe(404);
    expect(await page.content()).not.toContain('Nordic Buyout Partners IV</h1>');

    await rememberCookies(context);
    await page.goto(`${server.url}/`);
    await page.click('button:has-text("Sign out")');
    await page.waitForURL(/\/login$/);
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  }, 120_000);

  it('fits a phone screen: no horizontal page scrolling on sign-in, dashboard and fund page', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    // Evaluated in the page (a string, so that this Node-side file needs no DOM types).
    const overflow = (): Promise<number> => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    await page.goto(`${server.url}/login`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await signIn(page, 'viewer@acme.test');
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The fund page (chart and tables) too, when the first test has uploaded one.
    const fundLink = page.locator('main a[href^="/funds/"]').first();
    if ((await fundLink.count()) > 0) {
      await fundLink.click();
      await page.waitForURL(/\/funds\//);
      expect(await overflow()).toBeLessThanOrEqual(0);
    }
    await context.close();
  }, 60_000);

  it("answers 404 in the browser to every URL that names another organisation's resource, and shows none of it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    await signIn(page, 'admin@acme.test'); // the highest tenant role: nothing below it is refused for its role
    const params = globexParams(f, { uploadId: globexUpload, fundIdentityHash: globexFund });
    const byId = f.routes.filter((r) => r.method === 'GET' && r.url.includes(':') && 'role' in r.access && r.access.role !== 'super_admin');
    expect(byId.length).toBeGreaterThan(3);
    for (const route of byId) {
      const url = concreteUrl(route.url, params);
      const response = await page.goto(`${server.url}${url}`);
      expect(response?.status(), url).toBe(404);
      const shown = await page.content();
      expect(shown, url).not.toContain('Nordic Buyout');
      expect(shown, url).not.toContain(globexFund.slice(0, 16));
      expect(shown, url).not.toContain('Globex');
    }
    await context.close();
  }, 120_000);

  it('leaves no token, key or cookie in a URL, the request logs or the access log', async () => {
    expect(secrets.size).toBeGreaterThan(1);
    expect(requestedUrls.length).toBeGreaterThan(5);
    expect(logLines.length).toBeGreaterThan(5);
    const leaks = (text: string) => [...secrets].some((secret) => text.includes(secret)) || /_csrf=|sk_live_|mt_[A-Za-z0-9]{20}/.test(text);
    expect(requestedUrls.filter(leaks)).toEqual([]);
    expect(logLines.filter(leaks)).toEqual([]);
    const { rows } = await f.ownerPool.query<{ row: string }>('SELECT row_to_json(a)::text AS row FROM web.access_log a');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.row).filter(leaks)).toEqual([]);
  });
});
