/**
 * Debian's Chromium under playwright-core for the browser tests (services.md): headless,
 * no sandbox (tests run as root), no background traffic. `.ci/run` installs the package.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.NAVCAST_CHROMIUM ?? '/usr/bin/chromium';

/** Launches the browser, failing with a clear message when it is not installed. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's chromium package (apt-get install chromium) or set NAVCAST_CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}
