/**
 * Helpers of the client page and API tests: requests with a raw body (multipart forms,
 * workbook bytes) sent with a signed-in browser's cookies, workbooks written to bytes, the
 * event count (to prove a rejected upload appended nothing) and the NAVs of the sample
 * workbook read straight from its CSV (independently of the parser under test).
 */
import { randomUUID } from 'node:crypto';
import { readChartFrame } from '../../domain/render/chartFrame.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { writeFundsWorkbook, type WorkbookFormat } from '../../commands/ingest/index.js';
import type { NamedFundData } from '../../domain/funds/index.js';
import type { InjectBrowser } from '../kit/injectBrowser.js';
import type { PortalFixture } from '../kit/portal.js';

/**
 * A multipart/form-data body with one file part, after the plain `fields` (a page's form
 * sends its hidden `_csrf` field first, as it comes first in the form).
 */
export function multipartBody(
  field: string,
  filename: string,
  bytes: Uint8Array,
  contentType = 'application/octet-stream',
  fields: Record<string, string> = {},
): { payload: Buffer; contentType: string } {
  const boundary = `----navcast-test-${randomUUID()}`;
  const plain = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  const head = `${plain}--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends `payload` with the browser's cookies (the jar is not updated). */
export function sendRaw(
  f: PortalFixture,
  browser: InjectBrowser,
  request: { method: 'POST' | 'GET'; url: string; payload?: Buffer; contentType?: string; headers?: Record<string, string> },
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...request.headers };
  if (browser.cookies.size > 0) headers.cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  return f.app.inject({ method: request.method, url: request.url, headers, payload: request.payload });
}

/** Posts a workbook to the upload page as its form does (its hidden `_csrf` field before the file). */
export async function uploadThroughPage(f: PortalFixture, browser: InjectBrowser, filename: string, bytes: Uint8Array): Promise<LightMyRequestResponse> {
  const page = await browser.get('/upload');
  const form = /<form class="stacked" method="post" action="([^"]+)" enctype="multipart\/form-data">\s*<input type="hidden" name="_csrf" value="([^"]+)">/.exec(page.body);
  if (form === null) throw new Error(`the upload page has no multipart form with its token first (status ${page.statusCode})`);
  expect(form[1]).toBe('/upload'); // never a token in the URL
  const { payload, contentType } = multipartBody('workbook', filename, bytes, 'application/octet-stream', { _csrf: form[2] });
  return sendRaw(f, browser, { method: 'POST', url: form[1], payload, contentType });
}

/** The bytes of `funds` written as a workbook. */
export async function workbookBytes(funds: readonly NamedFundData[], format: WorkbookFormat): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'navcast-client-test-'));
  try {
    const path = join(dir, `w.${format}`);
    await writeFundsWorkbook(path, funds, format);
    return await readFile(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A small fund: two contributions, a distribution and three NAVs. */
export function smallFund(name: string, navScale = 1): NamedFundData {
  return {
    name,
    data: {
      attributes: { currency: 'USD', commitment: 10_000_000, vintage: 2019, strategy: 'venture' },
      contributions: [
        { date: '2019-02-01', amount: 2_000_000 },
        { date: '2019-08-01', amount: 1_500_000 },
      ],
      distributions: [{ date: '2020-11-15', amount: 750_000, liquidating: false }],
      navs: [
        { valueDate: '2019-03-31', publishedDate: null, amount: 2_100_000 * navScale },
        { valueDate: '2019-12-31', publishedDate: '2020-02-14', amount: 3_900_000 * navScale },
        { valueDate: '2020-12-31', publishedDate: null, amount: 3_300_000 * navScale },
      ],
      prices: [],
    },
  };
}

/** Events of every tenant (owner pool: RLS does not hide any). */
export async function eventCount(f: PortalFixture): Promise<number> {
  const { rows } = await f.ownerPool.query<{ n: string }>('SELECT count(*) AS n FROM events');
  return Number(rows[0].n);
}

/** The reported NAVs of one fund in samples/navcast-sample.csv, read as plain CSV (no quoted commas in that file's NAV rows). */
export async function sampleNavs(fundName: string): Promise<{ date: string; amount: number }[]> {
  const lines = (await readFile('samples/navcast-sample.csv', 'utf8')).trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const at = (name: string) => header.indexOf(name);
  return lines
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => cells[at('fund')] === fundName && cells[at('type')] === 'nav')
    .map((cells) => ({ date: cells[at('date')], amount: Number(cells[at('amount')]) }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The chart of a page mapped back to data: NAV path points as (ISO date, amount), and the tolerance of 0.01 px. */
export function readChart(page: string): { navPath: { day: number; amount: number }[]; dayTolerance: number; amountTolerance: number } {
  const svg = /<svg class="chart"[^>]*>/.exec(page)?.[0];
  if (svg === undefined) throw new Error('the page has no <svg class="chart">');
  const frame = readChartFrame(svg);
  const d = /<path class="nav-line" data-series="nav" d="M([^"]+)"/.exec(page)?.[1];
  if (d === undefined) throw new Error('the chart has no NAV path');
  const navPath = d.split(' L').map((point) => {
    const [x, y] = point.split(',').map(Number);
    const [day, amount] = frame.toData(x, y);
    return { day, amount };
  });
  return { navPath, dayTolerance: frame.xTolerance, amountTolerance: frame.yTolerance };
}
