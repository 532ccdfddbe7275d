import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectBrowser } from '../kit/injectBrowser.js';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';
import { signedIn } from './adminSpecKit.js';

let f: PortalFixture;
let admin: InjectBrowser;

beforeAll(async () => {
  f = await openPortalFixture();
  admin = await signedIn(f, f.users.admin.email);
  await admin.get('/admin');
}, 60_000);
afterAll(async () => f?.close());

const marketCsv = ['series_id,date,value', 'msci_world,2024-01-05,0.011', 'msci_world,2024-01-12,-0.004', 'msci_world,2024-01-19,0.002', 'us_10y,2024-01-12,0.0001'].join('\n');

/** A JSON call with the session cookie and the CSRF header, as the portal's scripts make it. */
function api(method: 'GET' | 'POST', url: string, body?: { json?: unknown; csv?: string }): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'x-csrf-token': admin.csrfToken ?? '', cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (body?.csv !== undefined) headers['content-type'] = 'text/csv';
  if (body?.json !== undefined) headers['content-type'] = 'application/json';
  const payload = body?.csv ?? (body?.json === undefined ? undefined : JSON.stringify(body.json));
  return f.app.inject({ method, url, headers, payload });
}

/** A multipart form with one file part, as a browser sends the market upload form. */
function multipart(field: string, filename: string, content: string, fields: Record<string, string> = {}): { body: string; contentType: string } {
  const boundary = '----navcastTestBoundary7MA4YWxk';
  const plain = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  const body = `${plain}--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('admin JSON API', () => {
  it('lists and creates organisations; the new one appears after catch-up with its creation event', async () => {
    const created = await api('POST', '/api/v1/admin/organizations', { json: { name: 'Umbrella Trust' } });
    expect(created.statusCode, created.body).toBe(201);
    const { orgId } = created.json() as { orgId: string };
    const list = await api('GET', '/api/v1/admin/organizations');
    expect(list.statusCode).toBe(200);
    const orgs = (list.json() as { organizations: { orgId: string; name: string; users: number; events: number }[] }).organizations;
    expect(orgs.map((o) => o.name)).toEqual(['Acme Pension Fund', 'Globex Endowment', 'NAVcast platform', 'Umbrella Trust']);
    expect(orgs.find((o) => o.orgId === orgId)).toMatchObject({ users: 0, events: 1 });
    expect(orgs.find((o) => o.orgId === f.acmeOrgId)).toMatchObject({ users: 3, events: 7 });

    const invited = await api('POST', '/api/v1/admin/invitations', { json: { orgId, email: 'head@umbrella.test' } });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toEqual({ userId: expect.any(String), invitationPath: expect.stringMatching(/^\/invitation\/[A-Za-z0-9_-]{43}$/) });
    const users = await api('GET', `/api/v1/admin/users?orgId=${orgId}`);
    expect((users.json() as { users: unknown[] }).users).toEqual([expect.objectContaining({ email: 'head@umbrella.test', role: 'org_admin', status: 'invited', organizationName: 'Umbrella Trust' })]);
    expect((await api('POST', '/api/v1/admin/organizations', { json: { name: '' } })).statusCode).toBe(400);
    const twice = await api('POST', '/api/v1/admin/organizations', { json: { name: ' umbrella TRUST' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'organization_name_taken' });
  });

  it('pages the event feed with filters and verifies a chain', async () => {
    const response = await api('GET', `/api/v1/admin/events?orgId=${f.globexOrgId}&eventType=UserActivated`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { events: { position: number; eventType: string; actor: string }[]; eventTypes: string[] };
    expect(page.events.map((e) => [e.position, e.eventType])).toEqual([
      [5, 'UserActivated'],
      [3, 'UserActivated'],
    ]);
    expect(page.eventTypes).toEqual(['OrganizationCreated', 'UserActivated', 'UserInvited']);
    const chain = await api('GET', `/api/v1/admin/events/verification?orgId=${f.globexOrgId}`);
    expect(chain.json()).toMatchObject({ orgId: f.globexOrgId, status: 'verified', eventsChecked: 5, lastSeq: 5, failure: null });
    expect((await api('GET', '/api/v1/admin/events?to=yesterday')).statusCode).toBe(400);
  });

  it('uploads market series as text/csv and lists them with counts and date ranges; a bad file changes nothing', async () => {
    const upload = await api('POST', '/api/v1/admin/market-series?fileName=weekly.csv', { csv: marketCsv });
    expect(upload.statusCode, upload.body).toBe(200);
    expect(upload.json()).toEqual({ series: { msci_world: { revision: 1, points: 3, outcome: 'recorded' }, us_10y: { revision: 1, points: 1, outcome: 'recorded' } } });
    const again = await api('POST', '/api/v1/admin/market-series', { csv: marketCsv });
    expect((again.json() as { series: Record<string, { outcome: string }> }).series.msci_world.outcome).toBe('unchanged');
    const bad = await api('POST', '/api/v1/admin/market-series', { csv: 'series_id,date,value\nmsci_world,05.01.2024,0.1' });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { problems: { row: number }[] }).problems[0].row).toBe(2);
    const list = await api('GET', '/api/v1/admin/market-series');
    expect((list.json() as { series: unknown[] }).series).toEqual([
      expect.objectContaining({ seriesId: 'msci_world', revision: 1, points: 3, firstDate: '2024-01-05', lastDate: '2024-01-19' }),
      expect.objectContaining({ seriesId: 'us_10y', revision: 1, points: 1, firstDate: '2024-01-12', lastDate: '2024-01-12' }),
    ]);
  });

  it('uploads market series through the page form (multipart) and shows them in the list', async () => {
    const page = await admin.get('/admin/market');
    const found = /action="(\/admin\/market)" enctype="multipart\/form-data" class="stacked">\s*<input type="hidden" name="_csrf" value="([^"]+)">/.exec(page.body);
    expect(found).not.toBeNull();
    const [, action, token] = found as RegExpExecArray;
    const csv = 'series_id,date,value\neur_stoxx,2024-02-02,0.01\neur_stoxx,2024-02-09,0.02';
    const form = multipart('csv', 'eur.csv', csv, { _csrf: token });
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const inUrl = await f.app.inject({
      method: 'POST',
      url: `${action}?_csrf=${encodeURIComponent(token)}`,
      headers: { cookie, 'content-type': form.contentType },
      payload: multipart('csv', 'eur.csv', csv).body,
    });
    expect(inUrl.statusCode, inUrl.body.slice(0, 3000)).toBe(403); // a token in the URL no longer counts
    const posted = await f.app.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': form.contentType }, payload: form.body });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.body).toContain('eur_stoxx: revision 1 recorded (2 points)');
    expect(posted.body).toMatch(/<td>eur_stoxx<\/td><td class="num">1<\/td><td class="num">2<\/td><td>2024-02-02<\/td><td>2024-02-09<\/td>/);
    const noToken = await f.app.inject({ method: 'POST', url: '/admin/market', headers: { cookie, 'content-type': form.contentType }, payload: multipart('csv', 'eur.csv', csv).body });
    expect(noToken.statusCode).toBe(403);
  });

  it('serves the access log newest first, filtered by organisation and user, with admin reads recorded', async () => {
    await api('GET', `/api/v1/admin/users?orgId=${f.acmeOrgId}`);
    const all = await api('GET', '/api/v1/admin/access-log?limit=500');
    expect(all.statusCode, all.body).toBe(200);
    const entries = (all.json() as { entries: { id: string; actorId: string; action: string; resourceType: string; tenantId: string | null }[] }).entries;
    const ids = entries.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(entries[0]).toMatchObject({ actorId: f.users.admin.userId, action: 'list', resourceType: 'user', tenantId: f.acmeOrgId });
    expect(entries.some((e) => e.resourceType === 'event_chain' && e.tenantId === f.globexOrgId)).toBe(true);
    const acme = (await api('GET', `/api/v1/admin/access-log?orgId=${f.acmeOrgId}`)).json() as { entries: { tenantId: string }[] };
    expect(acme.entries.length).toBeGreaterThan(0);
    expect(acme.entries.every((e) => e.tenantId === f.acmeOrgId)).toBe(true);
    const byOther = (await api('GET', `/api/v1/admin/access-log?actorId=${f.users.acmeAdmin.userId}`)).json() as { entries: unknown[] };
    expect(byOther.entries).toEqual([]);
    const pageHtml = await admin.get(`/admin/access-log?actorId=${f.users.admin.userId}`);
    expect(pageHtml.statusCode).toBe(200);
    expect(pageHtml.body).toContain('<td>list</td>');
    expect(pageHtml.body).toContain('admin@navcast.test');
  });

  it('documents every admin operation in /openapi.json under the tag admin', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { tags: string[] }>> };
    const adminPaths = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1/admin/'));
    const operations = adminPaths.flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [`${method} ${path}`, op.tags[0]]));
    expect(Object.fromEntries(operations)).toMatchObject({
      'get /api/v1/admin/organizations': 'admin',
      'post /api/v1/admin/organizations': 'admin',
      'get /api/v1/admin/users': 'admin',
      'post /api/v1/admin/invitations': 'admin',
      'get /api/v1/admin/events': 'admin',
      'get /api/v1/admin/events/verification': 'admin',
      'get /api/v1/admin/market-series': 'admin',
      'post /api/v1/admin/market-series': 'admin',
      'get /api/v1/admin/access-log': 'admin',
    });
  });
});
