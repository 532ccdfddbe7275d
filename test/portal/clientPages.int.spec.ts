import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_WORKBOOK_BYTES } from '../../commands/ingest/index.js';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';
import { eventCount, multipartBody, readChart, sampleNavs, sendRaw, smallFund, uploadThroughPage, workbookBytes } from './clientKit.js';

let f: PortalFixture;
let nordic: string;
const NORDIC = 'Nordic Buyout Partners IV';

const browsers = new Map<string, InjectBrowser>();

/** A signed-in browser per user, reused (sign-in is rate limited to 10 a minute). */
async function signedIn(email: string): Promise<InjectBrowser> {
  const known = browsers.get(email);
  if (known !== undefined) return known;
  const browser = new InjectBrowser(f.app);
  browsers.set(email, browser);
  const response = await browser.signIn(email, FIXTURE_PASSWORD);
  if (response.statusCode !== 303) throw new Error(`sign-in of ${email} failed: ${response.statusCode}`);
  return browser;
}

beforeAll(async () => {
  f = await openPortalFixture();
  const upload = await f.upload(f.users.acmeMember, 'samples/navcast-sample.csv');
  if (!upload.ok) throw new Error('fixture upload failed');
  nordic = upload.funds[NORDIC].identityHash;
}, 120_000);
afterAll(async () => f?.close());

describe('dashboard', () => {
  it("lists only the organisation's funds, with latest version, upload date and an honest empty nowcast", async () => {
    const globex = await signedIn(f.users.globexMember.email);
    const globexUpload = await uploadThroughPage(f, globex, 'globex-funds.xlsx', await workbookBytes([smallFund('Globex Only Fund')], 'xlsx'));
    expect(globexUpload.statusCode).toBe(200);

    const acme = await signedIn(f.users.acmeViewer.email);
    const page = await acme.get('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(NORDIC);
    expect(page.body).toContain(`href="/funds/${nordic}"`);
    expect(page.body).not.toContain('Globex Only Fund');
    expect(page.body).toContain('no nowcast yet');
    expect(page.body).toContain(new Date().toISOString().slice(0, 10));
    expect(page.body).toContain('4 funds');
    const navs = await sampleNavs(NORDIC);
    const last = navs[navs.length - 1];
    expect(page.body).toContain(`<title>Reported NAV from EUR 3,750,000 (${navs[0].date}) to EUR ${last.amount.toLocaleString('en-GB')} (${last.date})</title>`);
    expect(page.body.match(/<svg class="spark"/g)).toHaveLength(4);

    const globexPage = await globex.get('/');
    expect(globexPage.body).toContain('Globex Only Fund');
    expect(globexPage.body).not.toContain(NORDIC);
  });
});

describe('fund page', () => {
  it('draws the reported NAVs as an SVG path whose points are the uploaded NAVs, and lists every row', async () => {
    const browser = await signedIn(f.users.acmeViewer.email);
    const page = await browser.get(`/funds/${nordic}`);
    expect(page.statusCode).toBe(200);
    const navs = await sampleNavs(NORDIC);
    expect(navs.length).toBeGreaterThan(5);
    const chart = readChart(page.body);
    expect(chart.navPath).toHaveLength(navs.length);
    chart.navPath.forEach((point, i) => {
      const day = Date.parse(`${navs[i].date}T00:00:00Z`) / 86_400_000;
      expect(Math.abs(point.day - day)).toBeLessThanOrEqual(chart.dayTolerance * 1.01);
      expect(Math.abs(point.amount - navs[i].amount)).toBeLessThanOrEqual(chart.amountTolerance * 1.01);
    });
    expect(page.body).toMatch(/<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="fund-chart-title fund-chart-desc"/);
    expect(page.body).toContain(`<title id="fund-chart-title">Reported NAVs and cash flows of ${NORDIC} (EUR)</title>`);
    expect(page.body).toContain(`${navs.length} reported NAVs from ${navs[0].date}`);
    expect(page.body).toMatch(/<rect class="bar-contribution" data-series="contribution" data-date="2014-03-11"/);
    expect(page.body).toMatch(/<rect class="bar-distribution"/);
    // the table: the first contribution and a NAV with its publication date
    expect(page.body).toContain('<td>2014-03-11</td><td>Contribution</td><td class="num">3,750,000</td>');
    expect(page.body).toContain('<td>2014-03-31</td><td>Reported NAV</td><td class="num">3,750,000</td><td>published 2014-05-15</td>');
    // facts and the version with who uploaded it
    expect(page.body).toContain('EUR 50,000,000');
    expect(page.body).toContain('buyout');
    expect(page.body).toContain('member@acme.test');
    expect(page.body).toContain('navcast-sample.csv');
  });

  it('shows renames both ways and an older version on request', async () => {
    const member = await signedIn(f.users.acmeMember.email);
    const first = await uploadThroughPage(f, member, 'moving.xlsx', await workbookBytes([smallFund('Moving Fund')], 'xlsx'));
    expect(first.statusCode).toBe(200);
    const second = await uploadThroughPage(f, member, 'moving.xlsx', await workbookBytes([smallFund('Moving Fund', 1.1)], 'xlsx'));
    expect(second.body).toContain('New version');
    const moved = await uploadThroughPage(f, member, 'moved-2025.xlsx', await workbookBytes([smallFund('Moving Fund', 1.1)], 'xlsx'));
    expect(moved.statusCode).toBe(200);
    expect(moved.body).toContain('Moved from another workbook (renamed)');
    const oldHash = /href="\/funds\/([0-9a-f]{64})">Moving Fund<\/a><\/td><td>New version/.exec(second.body)?.[1];
    const newHash = /href="\/funds\/([0-9a-f]{64})">Moving Fund<\/a><\/td><td>Moved/.exec(moved.body)?.[1];
    expect(oldHash).toBeDefined();
    expect(newHash).toBeDefined();
    expect(newHash).not.toBe(oldHash);

    const oldPage = await member.get(`/funds/${oldHash}`);
    expect(oldPage.body).toContain(`see <a href="/funds/${newHash}">its current page</a>`);
    expect(oldPage.body).toContain(`moved to <a href="/funds/${newHash}">moved-2025.xlsx</a>`);
    const newPage = await member.get(`/funds/${newHash}`);
    expect(newPage.body).toContain(`came from <a href="/funds/${oldHash}">moving.xlsx</a>`);

    const v1 = await member.get(`/funds/${oldHash}?version=1`);
    expect(v1.body).toContain('<td>2019-12-31</td><td>Reported NAV</td><td class="num">3,900,000</td>');
    const v2 = await member.get(`/funds/${oldHash}`);
    expect(v2.body).toContain('<td>2019-12-31</td><td>Reported NAV</td><td class="num">4,290,000</td>');
    expect((await member.get(`/funds/${oldHash}?version=9`)).statusCode).toBe(404);
    const dashboard = await member.get('/');
    expect(dashboard.body).toContain(`href="/funds/${newHash}"`);
    expect(dashboard.body).not.toContain(`href="/funds/${oldHash}"`);
  });

  it("answers 404 for another organisation's fund, without its data", async () => {
    const globex = await signedIn(f.users.globexAdmin.email);
    const page = await globex.get(`/funds/${nordic}`);
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain(NORDIC);
    expect(page.body).not.toContain(nordic.slice(0, 12));
    expect((await globex.get('/funds/not-a-hash')).statusCode).toBe(404);
  });
});

describe('upload page', () => {
  it('offers the template in both formats', async () => {
    const browser = await signedIn(f.users.acmeMember.email);
    const page = await browser.get('/upload');
    expect(page.body).toContain('href="/upload/template.xlsx"');
    const csv = await browser.get('/upload/template.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('navcast-template.csv');
    expect(csv.body.split(/\r?\n/)[0]).toBe(await readFile('samples/navcast-template.csv', 'utf8').then((t) => t.split(/\r?\n/)[0]));
    const xlsx = await browser.get('/upload/template.xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('shows the per-row problems of a malformed workbook with 422 and records nothing', async () => {
    const browser = await signedIn(f.users.acmeMember.email);
    const before = await eventCount(f);
    const response = await uploadThroughPage(f, browser, 'mixed-currency.csv', await readFile('test/fixtures/workbooks/mixed-currency.csv'));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('mixed-currency.csv was not recorded.');
    expect(response.body).toMatch(/<tr><td>[^<]+<\/td><td class="num">3<\/td><td>[A-Z]+ \(currency\)<\/td><td>[^<]+<\/td><\/tr>/);
    expect(await eventCount(f)).toBe(before);
  });

  it('reports the same data uploaded twice as a duplicate of its version', async () => {
    const browser = await signedIn(f.users.acmeAdmin.email);
    const bytes = await workbookBytes([smallFund('Twice Fund')], 'csv');
    expect((await uploadThroughPage(f, browser, 'twice.csv', bytes)).body).toContain('New fund');
    const again = await uploadThroughPage(f, browser, 'twice.csv', bytes);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Same data as version 1: nothing new recorded');
  });

  it('refuses a workbook over the size limit with a clear message', async () => {
    const browser = await signedIn(f.users.acmeMember.email);
    const before = await eventCount(f);
    const response = await uploadThroughPage(f, browser, 'huge.csv', Buffer.alloc(DEFAULT_MAX_WORKBOOK_BYTES + 1, 0x41));
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('larger than 20 MB');
    expect(await eventCount(f)).toBe(before);
  });

  it('refuses viewers (403) and a form without the CSRF token', async () => {
    const viewer = await signedIn(f.users.acmeViewer.email);
    expect((await viewer.get('/upload')).statusCode).toBe(403);
    const { payload, contentType } = multipartBody('workbook', 'x.csv', Buffer.from('fund\n'), 'text/csv', { _csrf: viewer.csrfToken ?? '' });
    expect((await sendRaw(f, viewer, { method: 'POST', url: '/upload', payload, contentType })).statusCode).toBe(403);
    const member = await signedIn(f.users.acmeMember.email);
    const before = await eventCount(f);
    const bytes = await workbookBytes([smallFund('No Token Fund')], 'csv');
    const body = multipartBody('workbook', 'no-token.csv', bytes);
    expect((await sendRaw(f, member, { method: 'POST', url: '/upload', ...body })).statusCode).toBe(403);
    expect(await eventCount(f)).toBe(before);
  });
});

describe('downloads', () => {
  it('lists the uploaded workbooks and downloads one byte for byte, writing the access log', async () => {
    const browser = await signedIn(f.users.acmeViewer.email);
    const page = await browser.get('/downloads');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No deliverables yet');
    const link = /href="(\/downloads\/uploads\/[0-9a-f-]{36})">navcast-sample.csv</.exec(page.body)?.[1];
    expect(link).toBeDefined();
    const logged = async () => Number((await f.ownerPool.query("SELECT count(*) AS n FROM web.access_log WHERE action = 'download' AND resource_type = 'upload'")).rows[0].n);
    const before = await logged();
    const file = await browser.get(link as string);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('navcast-sample.csv');
    expect(file.headers['cache-control']).toBe('private, no-store');
    expect(file.rawPayload.equals(await readFile('samples/navcast-sample.csv'))).toBe(true);
    expect(await logged()).toBe(before + 1);

    const globex = await signedIn(f.users.globexMember.email);
    expect((await globex.get(link as string)).statusCode).toBe(404);
    expect(await logged()).toBe(before + 1);
  });
});
