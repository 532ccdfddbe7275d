/**
 * Probe: served on plain HTTP and opened by a name that is not loopback (a laptop on a LAN,
 * a phone), the page asked the browser to upgrade its requests to https: unstyled page,
 * sign-in never completes. Chromium here reaches the portal as http://navcast.lan:PORT, a
 * name its host resolver maps to 127.0.0.1, so the origin is not "potentially trustworthy"
 * as a LAN address would not be, while every packet stays on loopback. With HTTPS
 * configured, the headers ask for the upgrade and HSTS.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOn, type RunningWebServer } from '../../web/server.js';
import { launchChromium } from '../kit/chromium.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
let server: RunningWebServer;
let browser: Browser;
let port: number;

beforeAll(async () => {
  f = await openPortalFixture();
  server = await listenOn(f.app, { host: '127.0.0.1', port: 0 });
  port = Number(new URL(server.url).port);
  browser = await launchChromium(['--host-resolver-rules=MAP navcast.lan 127.0.0.1']);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

describe('plain HTTP off loopback', () => {
  it('serves a styled page and signs in (no upgrade-insecure-requests, no HSTS)', async () => {
    const base = `http://navcast.lan:${port}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    const login = await page.goto(`${base}/login`);
    // The stylesheet applied: the body's font is the one app.css sets, not the browser's default.
    expect(await page.evaluate<string>('getComputedStyle(document.body).fontFamily')).toContain('system-ui');
    await page.fill('input[name="email"]', 'member@acme.test');
    await page.fill('input[name="password"]', FIXTURE_PASSWORD);
    await page.click('form[action="/login"] button[type="submit"]');
    await page.waitForURL(`${base}/`);
    expect(await page.locator('h1').textContent()).toBe('Funds');
    expect(failed).toEqual([]);
    expect(login?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(login?.headers()['strict-transport-security']).toBeUndefined();
    await context.close();
  }, 60_000);

  it('asks for the upgrade and HSTS when the portal is served over HTTPS', async () => {
    const secure = await openPortalFixture({ secureCookies: true, publicUrl: 'https://portal.example.test' });
    try {
      const response = await secure.app.inject({ method: 'GET', url: '/login' });
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
  }, 60_000);
});
