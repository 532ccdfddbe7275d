/**
 * The conventions an API client expects (docs/architecture.md "The JSON API contract"):
 * cursor pagination with a stable order, ETags from the tenant checkpoint with 304 on
 * If-None-Match, Cache-Control private, RateLimit-* headers and 429 rate_limited per principal.
 * Real PostgreSQL and projections; requests through inject with a real session.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { buildApp } from '../../web/app.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';
import { smallFund, workbookBytes } from './clientKit.js';

let f: PortalFixture;
let member: InjectBrowser;
let globex: InjectBrowser;
let folder: string;

async function signedIn(fixture: PortalFixture, email: string): Promise<InjectBrowser> {
  const browser = new InjectBrowser(fixture.app);
  const response = await browser.signIn(email, FIXTURE_PASSWORD);
  if (response.statusCode !== 303) throw new Error(`sign-in of ${email} failed: ${response.statusCode}`);
  return browser;
}

beforeAll(async () => {
  f = await openPortalFixture();
  folder = await mkdtemp(join(tmpdir(), 'navcast-conventions-'));
  const upload = await f.upload(f.users.acmeMember, 'samples/navcast-sample.csv');
  if (!upload.ok) throw new Error('fixture upload failed');
  member = await signedIn(f, f.users.acmeMember.email);
  globex = await signedIn(f, f.users.globexMember.email);
}, 120_000);
afterAll(async () => {
  await f?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

type FundPage = { funds: { identityHash: string; fundName: string }[]; nextCursor: string | null };

describe('cursor pagination', () => {
  it('walks the fund list a page at a time in the same order as one page, without gaps or repeats', async () => {
    const all = (await member.get('/api/v1/funds?limit=1000')).json() as FundPage;
    expect(all.funds.length).toBe(4);
    expect(all.nextCursor).toBeNull();
    const walked: string[] = [];
    let url = '/api/v1/funds?limit=1';
    for (let page = 0; page < 10; page++) {
      const response = await member.get(url);
      expect(response.statusCode).toBe(200);
      const body = response.json() as FundPage;
      expect(body.funds.length).toBe(1);
      walked.push(body.funds[0].identityHash);
      if (body.nextCursor === null) break;
      url = `/api/v1/funds?limit=1&after=${encodeURIComponent(body.nextCursor)}`;
    }
    expect(walked).toEqual(all.funds.map((x) => x.identityHash));
  });

  it('refuses a forged cursor and a limit out of range with invalid_request', async () => {
    for (const query of ['after=not-a-cursor', `after=${Buffer.from('["a"]').toString('base64url')}`, 'limit=0', 'limit=1001', 'limit=two']) {
      const response = await member.get(`/api/v1/funds?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code, query).toBe('invalid_request');
    }
  });
});

describe('every list pages the same way', () => {
  async function walk(browser: InjectBrowser, path: string, field: string): Promise<unknown[][]> {
    const pages: unknown[][] = [];
    let url = `${path}?limit=1`;
    for (let i = 0; i < 50; i++) {
      const response = await browser.get(url);
      expect(response.statusCode, url).toBe(200);
      const body = response.json() as Record<string, unknown[]> & { nextCursor: string | null };
      pages.push(body[field]);
      if (body.nextCursor === null) return pages;
      url = `${path}?limit=1&after=${encodeURIComponent(body.nextCursor)}`;
    }
    throw new Error(`${path} did not end`);
  }

  it('walks users, organisations and users across organisations one at a time, ending where one page of all ends', async () => {
    const orgAdmin = await signedIn(f, f.users.acmeAdmin.email);
    const superAdmin = await signedIn(f, f.users.admin.email);
    for (const [browser, path, field] of [
      [orgAdmin, '/api/v1/users', 'users'],
      [superAdmin, '/api/v1/admin/organizations', 'organizations'],
      [superAdmin, '/api/v1/admin/users', 'users'],
    ] as const) {
      const all = (await browser.get(`${path}?limit=1000`)).json() as Record<string, unknown[]>;
      expect(all[field].length, path).toBeGreaterThan(1);
      const pages = await walk(browser, path, field);
      expect(
        pages.every((p) => p.length === 1),
        path,
      ).toBe(true);
      expect(pages.flat(), path).toEqual(all[field]);
    }
  });
});

describe('the admin feeds page by position with the same nextCursor', () => {
  async function walkFeed<T>(browser: InjectBrowser, path: string, field: string, limit: number): Promise<T[]> {
    const items: T[] = [];
    let url = `${path}${path.includes('?') ? '&' : '?'}limit=${limit}`;
    for (let i = 0; i < 200; i++) {
      const body = (await browser.get(url)).json() as Record<string, T[]> & { nextCursor: string | null };
      items.push(...body[field]);
      if (body.nextCursor === null) return items;
      url = `${path}${path.includes('?') ? '&' : '?'}limit=${limit}&after=${encodeURIComponent(body.nextCursor)}`;
    }
    throw new Error(`${path} did not end`);
  }

  it("walks one organisation's event feed two at a time: every position once, as one page has them", async () => {
    const admin = await signedIn(f, f.users.admin.email);
    const path = `/api/v1/admin/events?orgId=${f.acmeOrgId}`;
    const all = ((await admin.get(`${path}&limit=500`)).json() as { events: { position: number }[] }).events.map((e) => e.position);
    expect(all.length).toBeGreaterThan(4);
    const walked = (await walkFeed<{ position: number }>(admin, path, 'events', 2)).map((e) => e.position);
    // Each page is shown by time; across pages, positions only go down.
    expect(new Set(walked).size).toBe(walked.length);
    expect([...walked].sort((a, b) => b - a)).toEqual([...all].sort((a, b) => b - a));
    const refused = await admin.get(`/api/v1/admin/events?after=${Buffer.from('["5"]').toString('base64url')}`);
    expect(refused.statusCode).toBe(400);
  });

  it('walks the access log two at a time, newest first, without repeats, holding every entry there before', async () => {
    const admin = await signedIn(f, f.users.admin.email);
    const before = ((await admin.get('/api/v1/admin/access-log?limit=500')).json() as { entries: { id: string }[] }).entries.map((e) => Number(e.id));
    expect(before.length).toBeGreaterThan(2);
    const walked = (await walkFeed<{ id: string }>(admin, '/api/v1/admin/access-log', 'entries', 2)).map((e) => Number(e.id));
    expect(walked).toEqual([...walked].sort((a, b) => b - a));
    expect(new Set(walked).size).toBe(walked.length);
    for (const id of before) expect(walked).toContain(id);
  });
});

describe('conditional reads', () => {
  it('tags a read with an ETag, answers 304 to it, and a new one once an upload is projected', async () => {
    const first = await member.get('/api/v1/funds');
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{32}"$/);
    const again = await member.get('/api/v1/funds', { 'if-none-match': tag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(tag);
    expect((await member.get('/api/v1/funds', { 'if-none-match': `W/"other", ${tag}` })).statusCode).toBe(304);
    expect((await member.get('/api/v1/funds', { 'if-none-match': 'W/"other"' })).statusCode).toBe(200);
    // Another URL (query) or another organisation never shares the tag.
    expect((await member.get('/api/v1/funds?limit=2')).headers.etag).not.toBe(tag);
    expect((await globex.get('/api/v1/funds')).headers.etag).not.toBe(tag);

    const path = join(folder, 'more.csv');
    await writeFile(path, await workbookBytes([smallFund('Conditional Growth Fund')], 'csv'));
    const upload = await f.upload(f.users.acmeMember, path);
    expect(upload.ok).toBe(true);
    const changed = await member.get('/api/v1/funds', { 'if-none-match': tag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect((changed.json() as FundPage).funds.map((x) => x.fundName)).toContain('Conditional Growth Fund');
  });

  it('does the same for one fund and one version', async () => {
    const fund = ((await member.get('/api/v1/funds')).json() as FundPage).funds[0].identityHash;
    for (const url of [`/api/v1/funds/${fund}`, `/api/v1/funds/${fund}/versions/1`]) {
      const first = await member.get(url);
      expect(first.statusCode, url).toBe(200);
      const again = await member.get(url, { 'if-none-match': String(first.headers.etag) });
      expect(again.statusCode, url).toBe(304);
    }
  });

  it("never answers 304 for another organisation's tag or for *, which would confirm that a fund exists", async () => {
    const fund = ((await member.get('/api/v1/funds')).json() as FundPage).funds[0].identityHash;
    const tag = String((await member.get(`/api/v1/funds/${fund}`)).headers.etag);
    expect((await globex.get(`/api/v1/funds/${fund}`, { 'if-none-match': tag })).statusCode).toBe(404);
    expect((await globex.get(`/api/v1/funds/${fund}`, { 'if-none-match': '*' })).statusCode).toBe(404);
    expect((await member.get(`/api/v1/funds/${fund}`, { 'if-none-match': '*' })).statusCode).toBe(200);
  });
});

describe('the response cache', () => {
  it("answers a repeated list from the cache until the checkpoint moves, and never with another organisation's body", async () => {
    const before = await member.get('/api/v1/funds');
    const name = (before.json() as FundPage).funds[0].fundName;
    // Changed behind the projections' back (no checkpoint moves): only an uncached read would see it.
    await f.ownerPool.query("UPDATE read_models.fund_identities_v1 SET fund_name = 'Changed Behind The Log' WHERE fund_name = $1", [name]);
    const cached = await member.get('/api/v1/funds');
    expect(cached.body).toBe(before.body);
    expect(cached.headers.etag).toBe(before.headers.etag);
    expect((await globex.get('/api/v1/funds')).json()).toEqual({ funds: [], nextCursor: null });
    // The same database through an app without the cache shows the change: the cache, not the query, kept the old body.
    const uncached = await buildApp({ pool: f.appPool, cookieSecret: 'another portal process of the same deployment', responseCacheBytes: 0 });
    try {
      const browser = new InjectBrowser(uncached.app);
      expect((await browser.signIn(f.users.acmeMember.email, FIXTURE_PASSWORD)).statusCode).toBe(303);
      expect(((await browser.get('/api/v1/funds')).json() as FundPage).funds.map((x) => x.fundName)).toContain('Changed Behind The Log');
    } finally {
      await uncached.app.close();
    }
    const path = join(folder, 'moves.csv');
    await writeFile(path, await workbookBytes([smallFund('Checkpoint Mover Fund')], 'csv'));
    expect((await f.upload(f.users.acmeMember, path)).ok).toBe(true);
    const moved = (await member.get('/api/v1/funds')).json() as FundPage;
    expect(moved.funds.map((x) => x.fundName)).toContain('Changed Behind The Log');
    await f.ownerPool.query("UPDATE read_models.fund_identities_v1 SET fund_name = $1 WHERE fund_name = 'Changed Behind The Log'", [name]);
  }, 60_000);
});

describe('the access log of cached reads', () => {
  it('records every 200 of a fund read, from the cache or not, and no 304', async () => {
    const fund = ((await member.get('/api/v1/funds')).json() as FundPage).funds[0].identityHash;
    const count = async (): Promise<number> =>
      Number((await f.ownerPool.query<{ n: string }>("SELECT count(*) AS n FROM web.access_log WHERE resource_type = 'fund' AND resource_id = $1", [fund])).rows[0].n);
    const before = await count();
    const first = await member.get(`/api/v1/funds/${fund}`);
    // Changed behind the log: the second body can only be the first one if it came from the cache.
    await f.ownerPool.query("UPDATE read_models.fund_identities_v1 SET filename = filename || '.changed' WHERE fund_identity_hash = $1", [fund]);
    const second = await member.get(`/api/v1/funds/${fund}`);
    await f.ownerPool.query('UPDATE read_models.fund_identities_v1 SET filename = left(filename, -8) WHERE fund_identity_hash = $1', [fund]);
    expect(second.body).toBe(first.body);
    expect(await count()).toBe(before + 2);
    expect((await member.get(`/api/v1/funds/${fund}`, { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
    expect(await count()).toBe(before + 2);
  });
});

describe('rate limits', () => {
  it('sends RateLimit-* headers and refuses a principal over its limit with 429 rate_limited', async () => {
    const limited = await openPortalFixture({ apiRateLimit: { max: 3, timeWindow: '1 minute' } });
    try {
      const browser = await signedIn(limited, limited.users.acmeMember.email);
      const other = await signedIn(limited, limited.users.acmeViewer.email);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await browser.get('/api/v1/funds')).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await browser.get('/api/v1/funds');
      expect(refused.json().code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const fresh = await other.get('/api/v1/funds');
      expect(fresh.statusCode).toBe(200);
      expect(fresh.headers['ratelimit-limit']).toBe('3');
      expect(fresh.headers['ratelimit-remaining']).toBe('2');
      expect(Number(fresh.headers['ratelimit-reset'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  }, 60_000);
});
