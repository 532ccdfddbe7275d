import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { freePort } from '../../ops/db/embeddedPostgres.js';
import { resolveOidcAccount } from '../../web/services/auth/oidcAccounts.js';
import { OidcClient, type DiscoveredProvider } from '../../web/auth/oidcClient.js';
import { verifyIdToken } from '../../web/auth/oidcIdToken.js';
import { buildApp } from '../../web/app.js';
import { oidcLoginOption } from '../../web/routes/oidc.js';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { startOidcProvider, type RunningOidcProvider } from '../kit/oidcProvider.js';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';

const CALLBACK = 'http://portal.test/auth/oidc/callback';

let f: PortalFixture;
let idp: RunningOidcProvider;
let clockOffsetMs = 0;

/** Cognito-style claims of a person of `orgId`. */
function cognito(email: string, orgId: string, groups: string[] = []): Record<string, unknown> {
  return { email, email_verified: true, 'cognito:username': email.split('@')[0], 'cognito:groups': groups, 'custom:org_id': orgId };
}

beforeAll(async () => {
  idp = await startOidcProvider([CALLBACK]);
  f = await openPortalFixture({ oidc: idp.settingsFor(CALLBACK), now: () => new Date(Date.now() + clockOffsetMs) });
  idp.putAccount({ sub: 'sub-acme-member', claims: cognito('member@acme.test', f.acmeOrgId, ['member']) });
  idp.putAccount({ sub: 'sub-acme-viewer', claims: cognito('Viewer@Acme.test', f.acmeOrgId, ['org_admin', 'unrelated-group']) });
  idp.putAccount({ sub: 'sub-globex-admin', claims: cognito('admin@globex.test', f.globexOrgId, ['org_admin']) });
}, 90_000);
afterAll(async () => {
  await f?.close();
  await idp?.close();
});

/** Starts a sign-in in `browser` and plays the provider; returns the callback path it is sent back to. */
async function throughProvider(browser: InjectBrowser, sub: string): Promise<string> {
  const start = await browser.get('/auth/oidc/login');
  expect(start.statusCode).toBe(303);
  const back = await idp.authorize(String(start.headers.location), sub);
  return back.pathname + back.search;
}

async function signInWithOidc(browser: InjectBrowser, sub: string): Promise<LightMyRequestResponse> {
  return browser.get(await throughProvider(browser, sub));
}

/** Rows of web.oidc_logins for this state (1 while the sign-in is under way, 0 once used). */
async function pendingLogins(state: string): Promise<number> {
  const { rows } = await f.ownerPool.query<{ n: number }>("SELECT count(*)::int AS n FROM web.oidc_logins WHERE state_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')", [state]);
  return rows[0]?.n ?? -1;
}

function expectRefusal(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toContain('text/html');
  expect(response.body).toContain(`(${code})`);
  expect(response.body).toContain('Sign-in with your organisation&#39;s identity provider failed');
  expect(String(response.headers['set-cookie'] ?? '')).not.toMatch(/navcast_session=[^;]/);
}

describe('OIDC sign-in: authorization code with PKCE against a real provider', () => {
  it('offers the provider on the sign-in page and sends the browser there with PKCE S256, state and nonce', async () => {
    const browser = new InjectBrowser(f.app);
    const page = await browser.get('/login');
    expect(page.body).toContain('href="/auth/oidc/login"');
    expect(page.body).toContain("Sign in with your organisation's identity provider");

    const start = await browser.get('/auth/oidc/login');
    const target = new URL(String(start.headers.location));
    expect(target.origin).toBe(idp.issuer);
    expect(Object.fromEntries(target.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: idp.portal.clientId,
      redirect_uri: CALLBACK,
      code_challenge_method: 'S256',
    });
    expect(target.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(target.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(target.searchParams.get('nonce')).not.toBe(target.searchParams.get('state'));
    expect(String(start.headers['set-cookie'])).toMatch(/navcast_oidc_state=[^;]+;.*HttpOnly/i);
  });

  it('offers no provider and answers 404 on its routes when OIDC is not configured', async () => {
    const { app } = await buildApp({ pool: f.appPool, cookieSecret: 'another-cookie-secret-0123456789abcdef' });
    try {
      expect((await app.inject('/login')).body).not.toContain('/auth/oidc/login');
      expect(oidcLoginOption({ ...f.context, oidc: undefined })).toBeUndefined();
      for (const url of ['/auth/oidc/login', '/auth/oidc/callback?state=x&code=y']) {
        const response = await app.inject(url);
        expect(response.statusCode).toBe(404);
        expect(response.body).toContain('(oidc_not_configured)');
      }
    } finally {
      await app.close();
    }
  });

  it('signs a user in end to end: provider login, callback, session cookie, dashboard of their organisation', async () => {
    const browser = new InjectBrowser(f.app);
    const callbackPath = await throughProvider(browser, 'sub-acme-member');
    const state = new URL(callbackPath, 'http://portal.test').searchParams.get('state') as string;
    expect(await pendingLogins(state)).toBe(1);
    const callback = await browser.get(callbackPath);
    expect(callback.statusCode).toBe(303);
    expect(await pendingLogins(state)).toBe(0);
    expect(callback.headers.location).toBe('/');
    expect(String(callback.headers['set-cookie'])).toMatch(/navcast_session=[^;]+;.*HttpOnly.*SameSite=Lax/i);
    const home = await browser.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Acme Pension Fund');
    expect(home.body).toContain('member@acme.test');
    const sessions = await f.ownerPool.query('SELECT method FROM web.sessions WHERE user_id = $1', [f.users.acmeMember.userId]);
    expect(sessions.rows.map((r) => r.method)).toEqual(['oidc']);
  });

  it('returns to the page asked for, never off-site', async () => {
    for (const [next, expected] of [
      ['/admin/events?type=x', '/admin/events?type=x'],
      ['//evil.example/x', '/'],
    ]) {
      const browser = new InjectBrowser(f.app);
      const start = await browser.get(`/auth/oidc/login?next=${encodeURIComponent(next as string)}`);
      const back = await idp.authorize(String(start.headers.location), 'sub-acme-member');
      const callback = await browser.get(back.pathname + back.search);
      expect(callback.statusCode).toBe(303);
      expect(callback.headers.location).toBe(expected);
    }
  });

  it('keeps the role recorded in the log when cognito:groups names a higher one, and reports the difference', async () => {
    const browser = new InjectBrowser(f.app);
    expect((await signInWithOidc(browser, 'sub-acme-viewer')).statusCode).toBe(303);
    const signed = f.app.unsignCookie(browser.cookies.get('navcast_session') as string);
    const principal = await f.context.sessions.resolve(signed.value as string);
    expect(principal?.role).toBe('viewer');
    const account = await resolveOidcAccount(f.context, idp.issuer, {
      subject: 'sub-acme-viewer',
      email: 'viewer@acme.test',
      orgId: f.acmeOrgId,
      username: 'viewer',
      groups: ['org_admin', 'unrelated-group'],
    });
    expect(account).toMatchObject({ userId: f.users.acmeViewer.userId, role: 'viewer', activated: false, claimedRoleIgnored: 'org_admin' });
  });

  it("activates an invited user at their first OIDC sign-in, recorded as the user's own ActivateUser", async () => {
    const userId = randomUUID();
    await f.asOperator({ type: 'InviteUser', orgId: f.acmeOrgId, userId, email: 'new.analyst@acme.test', role: 'member' });
    await f.catchUp();
    idp.putAccount({ sub: 'sub-new-analyst', claims: cognito('new.analyst@acme.test', f.acmeOrgId) });
    const browser = new InjectBrowser(f.app);
    expect((await signInWithOidc(browser, 'sub-new-analyst')).statusCode).toBe(303);
    expect((await browser.get('/')).body).toContain('new.analyst@acme.test');
    const users = await f.ownerPool.query('SELECT status FROM public.users WHERE user_id = $1', [userId]);
    expect(users.rows[0].status).toBe('active');
    const events = await f.ownerPool.query("SELECT metadata FROM events WHERE event_type = 'UserActivated' AND payload::jsonb->>'userId' = $1", [userId]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].metadata.actor).toEqual({ kind: 'user', id: userId });
    // A second sign-in finds the user active and appends nothing.
    expect((await signInWithOidc(new InjectBrowser(f.app), 'sub-new-analyst')).statusCode).toBe(303);
    const again = await f.ownerPool.query("SELECT count(*)::int AS n FROM events WHERE event_type = 'UserActivated' AND payload::jsonb->>'userId' = $1", [userId]);
    expect(again.rows[0].n).toBe(1);
  });
});

describe('OIDC sign-in refusals', () => {
  it('refuses a tampered state', async () => {
    const browser = new InjectBrowser(f.app);
    const callback = new URL(await throughProvider(browser, 'sub-acme-member'), 'http://portal.test');
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    expectRefusal(await browser.get(callback.pathname + callback.search), 400, 'oidc_state_invalid');
  });

  it('refuses a replayed callback, with or without the old state cookie', async () => {
    const browser = new InjectBrowser(f.app);
    const callback = await throughProvider(browser, 'sub-globex-admin');
    const stateCookie = browser.cookies.get('navcast_oidc_state') as string;
    expect((await browser.get(callback)).statusCode).toBe(303);
    expectRefusal(await browser.get(callback), 400, 'oidc_state_invalid');
    const replayer = new InjectBrowser(f.app);
    replayer.cookies.set('navcast_oidc_state', stateCookie);
    const replay = await replayer.get(callback);
    expectRefusal(replay, 400, 'oidc_state_invalid');
    expect(replay.body).toContain('start the sign-in again');
  });

  it('refuses a callback opened in another browser than the one that started the sign-in (login CSRF)', async () => {
    const callback = await throughProvider(new InjectBrowser(f.app), 'sub-acme-member');
    expectRefusal(await new InjectBrowser(f.app).get(callback), 400, 'oidc_state_invalid');
  });

  it('refuses a state that expired while the user was at the provider', async () => {
    const browser = new InjectBrowser(f.app);
    const callback = await throughProvider(browser, 'sub-acme-member');
    clockOffsetMs = 11 * 60 * 1000;
    try {
      expectRefusal(await browser.get(callback), 400, 'oidc_state_invalid');
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('refuses a user the organisation never invited', async () => {
    idp.putAccount({ sub: 'sub-stranger', claims: cognito('stranger@acme.test', f.acmeOrgId, ['member']) });
    const response = await signInWithOidc(new InjectBrowser(f.app), 'sub-stranger');
    expectRefusal(response, 403, 'oidc_unknown_user');
    expect(response.body).toContain('stranger@acme.test');
  });

  it('refuses a user of another organisation than the one the token names', async () => {
    idp.putAccount({ sub: 'sub-wrong-org', claims: cognito('member@globex.test', f.acmeOrgId) });
    expectRefusal(await signInWithOidc(new InjectBrowser(f.app), 'sub-wrong-org'), 403, 'oidc_unknown_user');
  });

  it('refuses an organisation id that does not exist', async () => {
    idp.putAccount({ sub: 'sub-no-org', claims: cognito('member@acme.test', randomUUID()) });
    expectRefusal(await signInWithOidc(new InjectBrowser(f.app), 'sub-no-org'), 403, 'oidc_unknown_organization');
  });

  it('refuses a token without custom:org_id or e-mail', async () => {
    idp.putAccount({ sub: 'sub-no-claims', claims: { 'cognito:username': 'someone' } });
    const response = await signInWithOidc(new InjectBrowser(f.app), 'sub-no-claims');
    expectRefusal(response, 401, 'oidc_claims_missing');
    expect(response.body).toContain('email');
    expect(response.body).toContain('custom:org_id');
  });

  it('refuses an e-mail address the provider has not verified', async () => {
    idp.putAccount({ sub: 'sub-unverified', claims: { ...cognito('member@acme.test', f.acmeOrgId), email_verified: false } });
    expectRefusal(await signInWithOidc(new InjectBrowser(f.app), 'sub-unverified'), 403, 'oidc_email_unverified');
  });

  it('refuses a deactivated user', async () => {
    const userId = randomUUID();
    await f.asOperator({ type: 'InviteUser', orgId: f.globexOrgId, userId, email: 'former@globex.test', role: 'viewer' });
    await f.asOperator({ type: 'ActivateUser', orgId: f.globexOrgId, userId });
    await f.asOperator({ type: 'DeactivateUser', orgId: f.globexOrgId, userId });
    await f.catchUp();
    idp.putAccount({ sub: 'sub-former', claims: cognito('former@globex.test', f.globexOrgId) });
    expectRefusal(await signInWithOidc(new InjectBrowser(f.app), 'sub-former'), 403, 'oidc_user_deactivated');
  });

  it("refuses another provider account that carries an already linked user's address", async () => {
    expect((await signInWithOidc(new InjectBrowser(f.app), 'sub-acme-member')).statusCode).toBe(303);
    idp.putAccount({ sub: 'sub-impostor', claims: cognito('member@acme.test', f.acmeOrgId, ['member']) });
    expectRefusal(await signInWithOidc(new InjectBrowser(f.app), 'sub-impostor'), 403, 'oidc_subject_mismatch');
  });

  it("shows the provider's own error (the user cancelled) and uses up the state", async () => {
    const browser = new InjectBrowser(f.app);
    const start = await browser.get('/auth/oidc/login');
    const state = new URL(String(start.headers.location)).searchParams.get('state') as string;
    const cancelled = await browser.get(`/auth/oidc/callback?error=access_denied&error_description=user+cancelled&state=${state}`);
    expectRefusal(cancelled, 401, 'oidc_provider_error');
    expect(cancelled.body).toContain('access_denied: user cancelled');
    expect(await pendingLogins(state)).toBe(0);
  });
});

describe('ID token verification with jose against the provider JWKS', () => {
  let discovered: DiscoveredProvider;
  const nonce = 'nonce-of-this-sign-in';
  const expect_ = (overrides: Partial<Parameters<typeof verifyIdToken>[1]> = {}) => ({
    issuer: idp.issuer,
    clientId: idp.portal.clientId,
    nonce,
    keys: discovered.keys,
    now: new Date(),
    ...overrides,
  });
  const refusedWith = (code: string, detail: string) => ({ code, detail: expect.stringContaining(detail) });

  beforeAll(async () => {
    discovered = await new OidcClient(idp.settingsFor(CALLBACK)).provider();
  });

  it("accepts the portal's own token and reads the Cognito-style claims", async () => {
    const token = await idp.issueIdToken(idp.portal, 'sub-acme-member', nonce);
    expect(decodeJwt(token)).toMatchObject({ 'cognito:groups': ['member'], 'custom:org_id': f.acmeOrgId });
    await expect(verifyIdToken(token, expect_())).resolves.toEqual({
      subject: 'sub-acme-member',
      email: 'member@acme.test',
      orgId: f.acmeOrgId,
      username: 'member',
      groups: ['member'],
    });
  });

  it('refuses a token issued to another client (wrong audience)', async () => {
    const token = await idp.issueIdToken(idp.other, 'sub-acme-member', nonce);
    expect(decodeJwt(token).aud).toBe(idp.other.clientId);
    await expect(verifyIdToken(token, expect_())).rejects.toMatchObject(refusedWith('oidc_token_invalid', 'wrong audience'));
  });

  it('refuses an expired token, another nonce and another issuer', async () => {
    const token = await idp.issueIdToken(idp.portal, 'sub-acme-member', nonce);
    const exp = decodeJwt(token).exp as number;
    await expect(verifyIdToken(token, expect_({ now: new Date((exp + 120) * 1000) }))).rejects.toMatchObject(refusedWith('oidc_token_invalid', 'token expired'));
    await expect(verifyIdToken(token, expect_({ nonce: 'another-sign-in' }))).rejects.toMatchObject(refusedWith('oidc_nonce_mismatch', 'nonce'));
    await expect(verifyIdToken(token, expect_({ issuer: `${idp.issuer}/other` }))).rejects.toMatchObject(refusedWith('oidc_token_invalid', 'wrong issuer'));
  });

  it("refuses the same claims signed by a key that is not the provider's, even under its kid", async () => {
    const claims = decodeJwt(await idp.issueIdToken(idp.portal, 'sub-acme-member', nonce));
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: idp.kid }).sign(privateKey);
    await expect(verifyIdToken(forged, expect_())).rejects.toMatchObject(refusedWith('oidc_token_invalid', 'bad signature'));
  });

  it('refuses a token signed with the client secret (HS256): asymmetric algorithms only', async () => {
    const claims = decodeJwt(await idp.issueIdToken(idp.portal, 'sub-acme-member', nonce));
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(idp.portal.clientSecret));
    await expect(verifyIdToken(forged, expect_())).rejects.toMatchObject(refusedWith('oidc_token_invalid', 'algorithm not allowed'));
  });
});

describe('code exchange with PKCE', () => {
  async function codeFor(client: OidcClient, codeVerifier: string): Promise<string> {
    const url = await client.authorizationUrl({ state: 'state-1', nonce: 'nonce-1', codeVerifier });
    const back = await idp.authorize(url, 'sub-acme-member');
    expect(back.searchParams.get('state')).toBe('state-1');
    return back.searchParams.get('code') as string;
  }

  it('refuses a code redeemed with another verifier than the one whose challenge was sent', async () => {
    const client = new OidcClient(idp.settingsFor(CALLBACK));
    const code = await codeFor(client, 'a'.repeat(43));
    await expect(client.exchangeCode(code, 'b'.repeat(43))).rejects.toMatchObject({ code: 'oidc_provider_error', detail: expect.stringContaining('invalid_grant') });
  });

  it('works for a public client without a secret (client_id in the body, PKCE alone)', async () => {
    const { clientSecret: _unused, ...settings } = idp.settingsFor(CALLBACK);
    const client = new OidcClient({ ...settings, clientId: idp.publicClientId });
    const verifier = 'c'.repeat(43);
    const idToken = await client.exchangeCode(await codeFor(client, verifier), verifier);
    const { keys } = await client.provider();
    const identity = await verifyIdToken(idToken, { issuer: idp.issuer, clientId: idp.publicClientId, nonce: 'nonce-1', keys, now: new Date() });
    expect(identity.email).toBe('member@acme.test');
  });
});

describe('an unreachable or inconsistent provider', () => {
  const client = (issuer: string) => new OidcClient({ ...idp.settingsFor(CALLBACK), issuer });

  it('refuses discovery that fails, names another issuer, or cannot connect', async () => {
    await expect(client(`${idp.issuer}/nowhere`).provider()).rejects.toMatchObject({ code: 'oidc_provider_unavailable', detail: expect.stringContaining('answered 404') });
    await expect(client(`${idp.issuer}/`).provider()).rejects.toMatchObject({ code: 'oidc_provider_unavailable', detail: expect.stringContaining('discovery names issuer') });
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(client(closed).provider()).rejects.toMatchObject({ code: 'oidc_provider_unavailable', status: 502 });
  });

  it('tells a JWKS that cannot be fetched apart from a bad token', async () => {
    const token = await idp.issueIdToken(idp.portal, 'sub-acme-member', 'n');
    const keys = createRemoteJWKSet(new URL(`http://127.0.0.1:${await freePort()}/jwks`));
    await expect(verifyIdToken(token, { issuer: idp.issuer, clientId: idp.portal.clientId, nonce: 'n', keys, now: new Date() })).rejects.toMatchObject({
      code: 'oidc_provider_unavailable',
    });
  });
});
