import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
beforeAll(async () => {
  f = await openPortalFixture({ publicUrl: 'https://portal.navcast.example/' });
}, 60_000);
afterAll(async () => f?.close());

it('puts an absolute link on the configured public address into the reset mail, never one built from the Host header', async () => {
  const browser = new InjectBrowser(f.app);
  await browser.get('/password/forgot');
  const response = await browser.request('POST', '/password/forgot', {
    form: { _csrf: browser.csrfToken ?? '', email: 'viewer@acme.test' },
    headers: { host: 'attacker.example' },
  });
  expect(response.statusCode).toBe(200);
  const { rows } = await f.ownerPool.query<{ body: string }>('SELECT body FROM web.mail_outbox WHERE to_address = $1', ['viewer@acme.test']);
  expect(rows).toHaveLength(1);
  const link = /https:\/\/portal\.navcast\.example(\/password\/reset\/[A-Za-z0-9_-]+)/.exec(rows[0].body);
  expect(link).not.toBeNull();
  expect(rows[0].body).not.toContain('attacker.example');
  const page = await new InjectBrowser(f.app).get((link as RegExpExecArray)[1]);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('name="password"');
});

it('sends no reset link to an account without a local password (it signs in through the identity provider)', async () => {
  const userId = randomUUID();
  await f.asOperator({ type: 'InviteUser', orgId: f.acmeOrgId, userId, email: 'sso-only@acme.test', role: 'viewer' });
  await f.asOperator({ type: 'ActivateUser', orgId: f.acmeOrgId, userId });
  await f.catchUp();
  const browser = new InjectBrowser(f.app);
  await browser.get('/password/forgot');
  const response = await browser.postForm('/password/forgot', { email: 'sso-only@acme.test' });
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain('If an account exists for that address');
  const { rows } = await f.ownerPool.query('SELECT count(*)::int AS n FROM web.mail_outbox WHERE to_address = $1', ['sso-only@acme.test']);
  expect(rows[0].n).toBe(0);
});
