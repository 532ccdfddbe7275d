/**
 * Rate limits on the guessable endpoints: sign-in (10 a minute), reset requests and reset
 * submissions (5 a minute each), per client; the next request gets 429. A fixture of its own,
 * so that other files' sign-ins do not share these counters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
beforeAll(async () => {
  f = await openPortalFixture();
}, 120_000);
afterAll(async () => f?.close());

/** Posts `count` forms and returns the status codes in order. */
async function statuses(browser: InjectBrowser, url: string, form: Record<string, string>, count: number): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) codes.push((await browser.postForm(url, form)).statusCode);
  return codes;
}

describe('rate limiting', () => {
  it('answers 429 after 10 sign-in attempts in a minute', async () => {
    const browser = new InjectBrowser(f.app);
    await browser.get('/login');
    const codes = await statuses(browser, '/login', { email: 'member@acme.test', password: 'wrong password guess' }, 11);
    expect(codes).toEqual([...Array<number>(10).fill(401), 429]);
  });

  it('answers 429 after 5 reset requests and after 5 reset submissions in a minute', async () => {
    const browser = new InjectBrowser(f.app);
    await browser.get('/password/forgot');
    expect(await statuses(browser, '/password/forgot', { email: 'nobody@acme.test' }, 6)).toEqual([200, 200, 200, 200, 200, 429]);
    const guess = `/password/reset/${'A'.repeat(43)}`;
    const form = { password: 'a long enough password', confirm: 'a long enough password' };
    expect(await statuses(browser, guess, form, 6)).toEqual([404, 404, 404, 404, 404, 429]);
  });
});
