import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';
import { signedIn } from './adminSpecKit.js';

let f: PortalFixture;
let admin: InjectBrowser;
let acmeAdmin: InjectBrowser;

beforeAll(async () => {
  f = await openPortalFixture();
  admin = await signedIn(f, f.users.admin.email);
  acmeAdmin = await signedIn(f, f.users.acmeAdmin.email);
}, 60_000);
afterAll(async () => f?.close());

/** Table rows of a page's body, as text with tags stripped. */
function tableRows(body: string): string[] {
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((m) =>
      m[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .slice(1);
}

async function accessEntries(actorId: string): Promise<{ action: string; resource_type: string; tenant_id: string | null }[]> {
  const { rows } = await f.ownerPool.query('SELECT action, resource_type, tenant_id::text FROM web.access_log WHERE actor_id = $1 ORDER BY id', [actorId]);
  return rows;
}

describe('admin pages for super_admins', () => {
  it('refuses an org_admin every /admin page and every /api/v1/admin operation with 403', async () => {
    const adminRoutes = f.routes.filter((r) => r.method !== 'HEAD' && (r.url.startsWith('/admin') || r.url.startsWith('/api/v1/admin')));
    expect(adminRoutes.length).toBeGreaterThanOrEqual(16);
    for (const route of adminRoutes) {
      expect(route.access).toEqual({ role: 'super_admin' });
      const response = await acmeAdmin.request(route.method as 'GET' | 'POST', route.url, route.method === 'GET' ? {} : { form: { _csrf: acmeAdmin.csrfToken ?? '' } });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });

  it('shows every organisation with user and fund counts, and the overview', async () => {
    const page = await admin.get('/admin/organizations');
    expect(page.statusCode).toBe(200);
    const rows = tableRows(page.body);
    expect(rows.find((r) => r.startsWith('Acme Pension Fund client'))).toMatch(/ 3 \/ 3 1 0 \d+$/);
    expect(rows.find((r) => r.startsWith('Globex Endowment client'))).toMatch(/ 2 \/ 2 1 0 \d+$/);
    expect(rows.some((r) => r.startsWith('NAVcast platform platform'))).toBe(true);
    const overview = await admin.get('/admin');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toMatch(/<dt>Organisations<\/dt><dd>3<\/dd>/);
    expect(overview.body).toMatch(/<dt>Active users<\/dt><dd>6<\/dd>/);
  });

  it('creates an organisation (event recorded with the super_admin as actor) and invites its org_admin', async () => {
    await admin.get('/admin/organizations');
    const created = await admin.postForm('/admin/organizations', { name: '  Initech Pensions ' });
    expect(created.statusCode).toBe(303);
    const orgId = /created=([0-9a-f-]{36})/.exec(String(created.headers.location))?.[1] as string;
    const { rows: events } = await f.ownerPool.query("SELECT event_type, metadata -> 'actor' AS actor, payload::jsonb ->> 'name' AS name FROM events WHERE tenant_id = $1 ORDER BY tenant_seq", [
      orgId,
    ]);
    expect(events).toEqual([{ event_type: 'OrganizationCreated', actor: { kind: 'user', id: f.users.admin.userId }, name: 'Initech Pensions' }]);
    const list = await admin.get(String(created.headers.location));
    expect(list.body).toContain('Organisation Initech Pensions created.');
    expect(tableRows(list.body).find((r) => r.startsWith('Initech Pensions client'))).toMatch(/ 0 \/ 0 0 0 1$/);

    await admin.get(`/admin/users?orgId=${orgId}`);
    const invited = await admin.postForm('/admin/users/invitations', { orgId, email: 'Boss@Initech.test' });
    expect(invited.statusCode).toBe(201);
    expect(invited.body).toContain('boss@initech.test is invited as org_admin of Initech Pensions.');
    expect(tableRows(invited.body)).toEqual([expect.stringMatching(/^Initech Pensions boss@initech\.test org_admin invited /)]);
    const link = /<p class="secret">https?:\/\/[^/]+(\/invitation\/[A-Za-z0-9_-]{43})<\/p>/.exec(invited.body)?.[1] as string;
    const acceptPage = await new InjectBrowser(f.app).get(link);
    expect(acceptPage.statusCode).toBe(200);
    expect(acceptPage.body).toContain('boss@initech.test');
    expect((await admin.get(`/admin/users?orgId=${orgId}`)).body).not.toContain(link);
  });

  it('shows a refusal in the form and records nothing for an empty name or an address in use', async () => {
    await admin.get('/admin/organizations');
    const before = (await f.ownerPool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n;
    const empty = await admin.postForm('/admin/organizations', { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('class="error"');
    await admin.get('/admin/users');
    const taken = await admin.postForm('/admin/users/invitations', { orgId: f.acmeOrgId, email: 'member@acme.test' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('class="error"');
    expect((await f.ownerPool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n).toBe(before);
  });

  it('lists users across organisations, filterable by organisation, and records the reads', async () => {
    const all = tableRows((await admin.get('/admin/users')).body);
    expect(all).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Acme Pension Fund viewer@acme\.test viewer active /),
        expect.stringMatching(/^Globex Endowment admin@globex\.test org_admin active /),
        expect.stringMatching(/^NAVcast platform admin@navcast\.test super_admin active /),
      ]),
    );
    const globex = tableRows((await admin.get(`/admin/users?orgId=${f.globexOrgId}`)).body);
    expect(globex).toHaveLength(2);
    expect(globex.every((r) => r.startsWith('Globex Endowment'))).toBe(true);
    const recorded = await accessEntries(f.users.admin.userId);
    expect(recorded).toEqual(
      expect.arrayContaining([
        { action: 'list', resource_type: 'user', tenant_id: null },
        { action: 'list', resource_type: 'user', tenant_id: f.globexOrgId },
        { action: 'list', resource_type: 'organization', tenant_id: null },
      ]),
    );
  });
});
