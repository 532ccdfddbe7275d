/**
 * Account flows: invitation acceptance with a chosen password (single use, expiring, only the
 * hash stored), password reset through the mail outbox (same answer for unknown addresses,
 * ends every session), and the org_admin users page.
 */
import { createHash } from 'node:crypto';
import { withTenant } from '../../read-models/index.js';
import { AccountTokens } from '../../web/services/auth/tokens.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';

const NEW_PASSWORD = 'a brand new passphrase 42';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let f: PortalFixture;
let admin: InjectBrowser;
beforeAll(async () => {
  f = await openPortalFixture();
  admin = new InjectBrowser(f.app);
  expect((await admin.signIn('admin@acme.test', FIXTURE_PASSWORD)).statusCode).toBe(303);
}, 120_000);
afterAll(async () => f?.close());

/** Invites through the users page as Acme's org_admin; returns the link's token. */
async function invite(email: string, role: string): Promise<string> {
  await admin.get('/settings/users');
  const page = await admin.postForm('/settings/users/invite', { email, role });
  expect(page.statusCode).toBe(200);
  const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(page.body)?.[1];
  expect(token).toBeDefined();
  return token as string;
}

/** The `<main>` of a page, without the per-response CSRF token. */
const mainOf = (body: string): string => (/<main>([\s\S]*)<\/main>/.exec(body)?.[1] ?? '').replace(/name="_csrf" value="[^"]+"/g, '');

describe('invitations', () => {
  it('shows the link once, stores only its hash, and lets the invitee choose a password and sign in', async () => {
    const token = await invite('new.analyst@acme.test', 'member');
    const stored = await f.ownerPool.query('SELECT token_hash, purpose, tenant_id, used_at FROM web.account_tokens WHERE token_hash = $1', [sha256(token)]);
    expect(stored.rows).toEqual([{ token_hash: sha256(token), purpose: 'invitation', tenant_id: f.acmeOrgId, used_at: null }]);
    const anywhere = await f.ownerPool.query("SELECT count(*)::int AS n FROM web.account_tokens WHERE row_to_json(account_tokens)::text LIKE '%' || $1 || '%'", [token]);
    expect(anywhere.rows[0].n).toBe(0);
    expect((await admin.get('/settings/users')).body).not.toContain(token);

    const invitee = new InjectBrowser(f.app);
    const form = await invitee.get(`/invitation/${token}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('new.analyst@acme.test');
    expect(form.body).toContain('Acme Pension Fund');
    const mismatch = await invitee.postForm(`/invitation/${token}`, { password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('not the same');
    const short = await invitee.postForm(`/invitation/${token}`, { password: 'too short', confirm: 'too short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('at least 12 characters');

    const accepted = await invitee.postForm(`/invitation/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/');
    const home = await invitee.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('new.analyst@acme.test');
    const user = await f.ownerPool.query("SELECT status, password_hash FROM read_models.users_v1 WHERE email = 'new.analyst@acme.test'");
    expect(user.rows[0].status).toBe('active');
    expect(user.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect((await new InjectBrowser(f.app).signIn('new.analyst@acme.test', NEW_PASSWORD)).statusCode).toBe(303);

    // Single use: the link is dead after acceptance, for viewing and for posting.
    const again = new InjectBrowser(f.app);
    expect((await again.get(`/invitation/${token}`)).statusCode).toBe(404);
    await again.get('/login');
    expect((await again.postForm(`/invitation/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).statusCode).toBe(404);
  });

  it('accepts the form posted by a script without the repeat field, and says what is missing without a password', async () => {
    const token = await invite('scripted.analyst@acme.test', 'member');
    const invitee = new InjectBrowser(f.app);
    await invitee.get(`/invitation/${token}`);
    const empty = await invitee.postForm(`/invitation/${token}`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose a password');
    const accepted = await invitee.postForm(`/invitation/${token}`, { password: NEW_PASSWORD });
    expect(accepted.statusCode).toBe(303);
    expect((await new InjectBrowser(f.app).signIn('scripted.analyst@acme.test', NEW_PASSWORD)).statusCode).toBe(303);
  });

  it('refuses an expired link and an unknown one with the same page', async () => {
    const token = await invite('late@acme.test', 'viewer');
    await f.ownerPool.query("UPDATE web.account_tokens SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE token_hash = $1", [sha256(token)]);
    const browser = new InjectBrowser(f.app);
    const expired = await browser.get(`/invitation/${token}`);
    const unknown = await browser.get(`/invitation/${'x'.repeat(43)}`);
    expect(expired.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(mainOf(expired.body)).toBe(mainOf(unknown.body));
    await browser.get('/login');
    expect((await browser.postForm(`/invitation/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).statusCode).toBe(404);
    const user = await f.ownerPool.query("SELECT status FROM read_models.users_v1 WHERE email = 'late@acme.test'");
    expect(user.rows[0].status).toBe('invited');
  });
});

describe('single use under concurrency', () => {
  it('lets exactly one of several simultaneous redemptions of a link succeed', async () => {
    const tokens = new AccountTokens(f.appPool, () => new Date());
    const holder = { tenantId: f.acmeOrgId, userId: f.users.acmeMember.userId };
    const token = await withTenant(f.appPool, f.acmeOrgId, (db) => tokens.issue(db, holder, 'password_reset'));
    expect(await tokens.redeem(token, 'invitation')).toBeUndefined(); // a link is good for its purpose only
    const results = await Promise.all([1, 2, 3, 4].map(() => tokens.redeem(token, 'password_reset')));
    expect(results.filter((r) => r !== undefined).map((r) => r?.email)).toEqual(['member@acme.test']);
  });
});

describe('password reset', () => {
  it('answers the same for known and unknown addresses and mails a link only to the account', async () => {
    const browser = new InjectBrowser(f.app);
    await browser.get('/password/forgot');
    const known = await browser.postForm('/password/forgot', { email: 'Member@Globex.test' });
    const unknown = await browser.postForm('/password/forgot', { email: 'nobody@globex.test' });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(mainOf(known.body)).toBe(mainOf(unknown.body));
    const mail = await f.ownerPool.query('SELECT tenant_id, to_address, body FROM web.mail_outbox ORDER BY created_at');
    expect(mail.rows.map((m) => [m.tenant_id, m.to_address])).toEqual([[f.globexOrgId, 'member@globex.test']]);
  });

  it('sets the new password with a single-use link and ends every session of the account', async () => {
    const signedIn = new InjectBrowser(f.app);
    expect((await signedIn.signIn('member@globex.test', FIXTURE_PASSWORD)).statusCode).toBe(303);
    expect((await signedIn.get('/')).statusCode).toBe(200);
    const { rows } = await f.ownerPool.query("SELECT body FROM web.mail_outbox WHERE to_address = 'member@globex.test' ORDER BY created_at DESC LIMIT 1");
    const path = /\/password\/reset\/[A-Za-z0-9_-]{43}/.exec(rows[0].body)?.[0] as string;
    expect(path).toBeDefined();

    const browser = new InjectBrowser(f.app);
    const form = await browser.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('member@globex.test');
    const done = await browser.postForm(path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Your password has been changed');

    expect((await signedIn.get('/')).statusCode).toBe(303); // the old session is over
    const live = await f.ownerPool.query('SELECT count(*)::int AS n FROM web.sessions WHERE user_id = $1 AND ended_at IS NULL', [f.users.globexMember.userId]);
    expect(live.rows[0].n).toBe(0);
    expect((await new InjectBrowser(f.app).signIn('member@globex.test', FIXTURE_PASSWORD)).statusCode).toBe(401);
    expect((await new InjectBrowser(f.app).signIn('member@globex.test', NEW_PASSWORD)).statusCode).toBe(303);
    expect((await browser.get(path)).statusCode).toBe(404);
    expect((await browser.postForm(path, { password: `${NEW_PASSWORD}x`, confirm: `${NEW_PASSWORD}x` })).statusCode).toBe(404);
  });
});

describe('users page (org_admin)', () => {
  it('refuses viewers and members with 403', async () => {
    const viewer = new InjectBrowser(f.app);
    await viewer.signIn('viewer@acme.test', FIXTURE_PASSWORD);
    expect((await viewer.get('/settings/users')).statusCode).toBe(403);
    expect((await viewer.get('/settings/api-keys')).statusCode).toBe(403);
  });

  it('lists only its own organisation, changes roles up to its own, never to super_admin, and deactivates', async () => {
    const page = await admin.get('/settings/users');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('viewer@acme.test');
    expect(page.body).not.toContain('globex.test');
    const viewerId = f.users.acmeViewer.userId;
    expect((await admin.postForm(`/settings/users/${viewerId}/role`, { role: 'super_admin' })).statusCode).toBe(403);
    expect((await admin.postForm('/settings/users/invite', { email: 'boss@acme.test', role: 'super_admin' })).statusCode).toBe(400);
    await admin.get('/settings/users');
    const changed = await admin.postForm(`/settings/users/${viewerId}/role`, { role: 'member' });
    expect(changed.statusCode).toBe(303);
    const role = await f.ownerPool.query('SELECT role FROM read_models.users_v1 WHERE user_id = $1', [viewerId]);
    expect(role.rows[0].role).toBe('member');
    // Another organisation's user by id: not found, and nothing changes there.
    await admin.get('/settings/users');
    expect((await admin.postForm(`/settings/users/${f.users.globexMember.userId}/deactivate`)).statusCode).toBe(404);
    await admin.get('/settings/users');
    expect((await admin.postForm(`/settings/users/${viewerId}/deactivate`)).statusCode).toBe(303);
    const status = await f.ownerPool.query('SELECT user_id, status FROM read_models.users_v1 WHERE user_id = ANY($1) ORDER BY status', [[viewerId, f.users.globexMember.userId]]);
    expect(status.rows).toEqual([
      { user_id: f.users.globexMember.userId, status: 'active' },
      { user_id: viewerId, status: 'deactivated' },
    ]);
  });
});
