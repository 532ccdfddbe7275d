import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_WORKBOOK_BYTES } from '../../commands/ingest/index.js';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';
import { readZipEntries } from '../kit/zip.js';
import { eventCount, multipartBody, sampleNavs, sendRaw, smallFund, workbookBytes } from './clientKit.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NORDIC = 'Nordic Buyout Partners IV';

let f: PortalFixture;
let nordic: string;
let member: InjectBrowser;
let globex: InjectBrowser;

async function signedIn(email: string): Promise<InjectBrowser> {
  const browser = new InjectBrowser(f.app);
  const response = await browser.signIn(email, FIXTURE_PASSWORD);
  if (response.statusCode !== 303) throw new Error(`sign-in of ${email} failed: ${response.statusCode}`);
  await browser.get('/'); // a page, so the browser holds a CSRF token as a script would read it
  return browser;
}

beforeAll(async () => {
  f = await openPortalFixture();
  const upload = await f.upload(f.users.acmeMember, 'samples/navcast-sample.csv');
  if (!upload.ok) throw new Error('fixture upload failed');
  nordic = upload.funds[NORDIC].identityHash;
  member = await signedIn(f.users.acmeMember.email);
  globex = await signedIn(f.users.globexMember.email);
}, 120_000);
afterAll(async () => f?.close());

describe('funds API', () => {
  it("lists the organisation's funds with clear fields, ISO dates and numbers", async () => {
    const response = await member.get('/api/v1/funds');
    expect(response.statusCode).toBe(200);
    const { funds } = response.json() as { funds: Record<string, unknown>[] };
    expect(funds.map((x) => x.fundName)).toHaveLength(4);
    const fund = funds.find((x) => x.fundName === NORDIC);
    expect(fund).toMatchObject({
      identityHash: nordic,
      filename: 'navcast-sample.csv',
      currency: 'EUR',
      commitment: 50_000_000,
      vintage: 2014,
      strategy: 'buyout',
      latestVersion: 1,
      renamedTo: null,
      latestNowcast: null,
    });
    expect(fund?.latestUploadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((await globex.get('/api/v1/funds')).json()).toEqual({ funds: [], nextCursor: null });
  });

  it('gives one fund with versions and aliases, and a version with its series', async () => {
    const detail = (await member.get(`/api/v1/funds/${nordic}`)).json() as Record<string, unknown> & { versions: Record<string, unknown>[]; aliases: unknown[] };
    expect(detail.fundName).toBe(NORDIC);
    expect(detail.versions).toHaveLength(1);
    expect(detail.versions[0]).toMatchObject({
      version: 1,
      workbookFilename: 'navcast-sample.csv',
      source: 'cli',
      uploadedBy: { kind: 'user', id: f.users.acmeMember.userId, email: 'member@acme.test' },
    });
    expect(detail.aliases).toEqual([]);
    const series = (await member.get(`/api/v1/funds/${nordic}/versions/1`)).json() as {
      navs: { valueDate: string; amount: number; publishedDate: string | null }[];
      currency: string;
      contributions: unknown[];
    };
    expect(series.currency).toBe('EUR');
    expect(series.navs.map((n) => ({ date: n.valueDate, amount: n.amount }))).toEqual(await sampleNavs(NORDIC));
    expect(series.navs[0].publishedDate).toBe('2014-05-15');
    expect((await member.get(`/api/v1/funds/${nordic}/versions/2`)).statusCode).toBe(404);
  });

  it("answers 404 problem+json for another organisation's fund, never its data", async () => {
    for (const url of [`/api/v1/funds/${nordic}`, `/api/v1/funds/${nordic}/versions/1`]) {
      const response = await globex.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toContain(NORDIC);
    }
  });
});

describe('uploads API', () => {
  it('needs X-CSRF-Token with a session cookie, then answers 201 with the result per fund', async () => {
    const bytes = await workbookBytes([smallFund('Api Fund'), smallFund('Api Fund Two', 2)], 'xlsx');
    const before = await eventCount(f);
    const refused = await sendRaw(f, member, { method: 'POST', url: '/api/v1/uploads?filename=api.xlsx', payload: bytes, contentType: XLSX });
    expect(refused.statusCode).toBe(403);
    expect(await eventCount(f)).toBe(before);
    const response = await sendRaw(f, member, {
      method: 'POST',
      url: '/api/v1/uploads?filename=api.xlsx&source=excel_addin',
      payload: bytes,
      contentType: XLSX,
      headers: { 'x-csrf-token': member.csrfToken ?? '' },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json() as { filename: string; funds: { fundName: string; outcome: string; version: number; identityHash: string }[] };
    expect(body.filename).toBe('api.xlsx');
    expect(body.funds.map((x) => [x.fundName, x.outcome, x.version]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['Api Fund', 'new', 1],
      ['Api Fund Two', 'new', 1],
    ]);
    const listed = (await member.get('/api/v1/funds')).json() as { funds: { identityHash: string }[] };
    expect(listed.funds.map((x) => x.identityHash)).toContain(body.funds[0].identityHash);
    const detail = (await member.get(`/api/v1/funds/${body.funds[0].identityHash}`)).json() as { versions: { source: string }[] };
    expect(detail.versions[0].source).toBe('excel_addin');
  });

  it('accepts a multipart form as well, and reports a re-upload as a duplicate', async () => {
    const bytes = await workbookBytes([smallFund('Multipart Fund')], 'csv');
    const send = () => {
      const { payload, contentType } = multipartBody('workbook', 'multi.csv', bytes, 'text/csv');
      return sendRaw(f, member, { method: 'POST', url: '/api/v1/uploads', payload, contentType, headers: { 'x-csrf-token': member.csrfToken ?? '' } });
    };
    const first = await send();
    expect(first.statusCode).toBe(201);
    const again = await send();
    expect((again.json() as { funds: { outcome: string; version: number }[] }).funds[0]).toMatchObject({ outcome: 'duplicate', version: 1 });
  });

  it('answers 422 problem+json with the problems of a malformed workbook and records nothing', async () => {
    const before = await eventCount(f);
    const response = await sendRaw(f, member, {
      method: 'POST',
      url: '/api/v1/uploads?filename=mixed-currency.csv',
      payload: await readFile('test/fixtures/workbooks/mixed-currency.csv'),
      contentType: 'text/csv',
      headers: { 'x-csrf-token': member.csrfToken ?? '' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json() as { code: string; problems: { sheet: string | null; row: number | null; column: string | null; message: string }[] };
    expect(problem.code).toBe('workbook_rejected');
    expect(problem.problems.length).toBeGreaterThan(0);
    expect(problem.problems.some((p) => p.row === 3 && p.column !== null && p.sheet !== null && p.message.length > 0)).toBe(true);
    expect(await eventCount(f)).toBe(before);
  });

  it('refuses a raw body without a filename, an unsupported type, a body over the limit and a viewer', async () => {
    const headers = { 'x-csrf-token': member.csrfToken ?? '' };
    const csv = await workbookBytes([smallFund('Nameless Fund')], 'csv');
    expect((await sendRaw(f, member, { method: 'POST', url: '/api/v1/uploads', payload: csv, contentType: 'text/csv', headers })).statusCode).toBe(400);
    expect((await sendRaw(f, member, { method: 'POST', url: '/api/v1/uploads?filename=x.csv', payload: Buffer.from('{}'), contentType: 'application/json', headers })).statusCode).toBe(415);
    const huge = await sendRaw(f, member, { method: 'POST', url: '/api/v1/uploads?filename=huge.csv', payload: Buffer.alloc(DEFAULT_MAX_WORKBOOK_BYTES + 1, 0x41), contentType: 'text/csv', headers });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'file_too_large' });
    const viewer = await signedIn(f.users.acmeViewer.email);
    const refused = await sendRaw(f, viewer, { method: 'POST', url: '/api/v1/uploads?filename=v.csv', payload: csv, contentType: 'text/csv', headers: { 'x-csrf-token': viewer.csrfToken ?? '' } });
    expect(refused.statusCode).toBe(403);
  });

  it('answers an old .xls sent raw (as vnd.ms-excel or octet-stream, or under an .xlsx name) with what to do, and text/plain to a JSON endpoint with 415', async () => {
    const headers = { 'x-csrf-token': member.csrfToken ?? '' };
    const xls = await readFile('test/fixtures/workbooks/writers/libreoffice.xls');
    for (const [filename, contentType] of [
      ['old.xls', 'application/vnd.ms-excel'],
      ['old.xls', 'application/octet-stream'],
      ['renamed.xlsx', XLSX],
    ] as const) {
      const response = await sendRaw(f, member, { method: 'POST', url: `/api/v1/uploads?filename=${filename}`, payload: xls, contentType, headers });
      expect(response.statusCode, `${filename} as ${contentType}`).toBe(422);
      const [problem] = (response.json() as { problems: { code: string; message: string }[] }).problems;
      expect(problem.code).toBe('file_type_unsupported');
      expect(problem.message).toContain('Excel Workbook (.xlsx)');
    }
    const orgAdmin = await signedIn(f.users.acmeAdmin.email);
    const adminHeaders = { 'x-csrf-token': orgAdmin.csrfToken ?? '' };
    const text = await sendRaw(f, orgAdmin, { method: 'POST', url: '/api/v1/api-keys', payload: Buffer.from('{"name":"k"}'), contentType: 'text/plain', headers: adminHeaders });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'unsupported_media_type' });
    expect((text.json() as { detail: string }).detail).toContain('text/plain');
  });

  it('serves the template as XLSX (a real workbook) and CSV', async () => {
    const xlsx = await member.get('/api/v1/template?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain(XLSX);
    const dir = await mkdtemp(join(tmpdir(), 'navcast-template-test-'));
    try {
      await writeFile(join(dir, 't.xlsx'), xlsx.rawPayload);
      expect(readZipEntries(join(dir, 't.xlsx')).map((e) => e.name)).toContain('xl/workbook.xml');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const csv = await member.get('/api/v1/template?format=csv');
    expect(csv.body.startsWith('fund,currency,commitment,vintage,strategy,date,type,amount')).toBe(true);
    expect((await member.get('/api/v1/template?format=pdf')).statusCode).toBe(400);
  });
});

describe('OpenAPI document', () => {
  it('lists the client operations', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { tags: string[] }>> };
    expect(doc.paths['/api/v1/funds'].get.tags).toEqual(['funds']);
    expect(doc.paths['/api/v1/funds/{identityHash}'].get).toBeDefined();
    expect(doc.paths['/api/v1/funds/{identityHash}/versions/{version}'].get).toBeDefined();
    expect(doc.paths['/api/v1/uploads'].post.tags).toEqual(['uploads']);
    const upload = doc.paths['/api/v1/uploads'].post as unknown as { requestBody: { content: Record<string, unknown> }; responses: Record<string, unknown> };
    expect(Object.keys(upload.requestBody.content).sort()).toEqual([
      'application/octet-stream',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'multipart/form-data',
      'text/csv',
    ]);
    expect(upload.responses['201']).toBeDefined();
    expect(doc.paths['/api/v1/template'].get).toBeDefined();
  });
});
