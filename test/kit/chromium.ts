/**
 * The browser of the browser tests, under playwright-core: headless, no sandbox (tests run
 * as root), no background traffic. By default the Chromium build that the npm package
 * @sparticuz/chromium ships inside itself (unpacked to the temp folder on first use), so
 * `npm ci && npm test` needs no system browser; NAVCAST_CHROMIUM names another binary (for
 * example Debian's /usr/bin/chromium) to test with that instead.
 */
import { existsSync } from 'node:fs';
import packagedChromium from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

/** The binary to launch: NAVCAST_CHROMIUM, else the packaged build (unpacked when first asked). */
export async function chromiumPath(): Promise<string> {
  const named = process.env.NAVCAST_CHROMIUM;
  if (named === undefined || named === '') return packagedChromium.executablePath();
  if (!existsSync(named)) throw new Error(`NAVCAST_CHROMIUM names ${named}, which does not exist: install that browser or unset NAVCAST_CHROMIUM to use the packaged one`);
  return named;
}

/** Launches the browser, failing with a clear message when it cannot be found. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}
