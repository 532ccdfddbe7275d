/**
 * API keys and machine tokens: a key is shown once and stored only as SHA-256, works as
 * Bearer on the JSON API within its organisation, records its last use, stops at revocation;
 * roles stay at most the issuer's; a machine token's rotation kills the old secret at once.
 */
import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let f: PortalFixture;
let acmeAdmin: InjectBrowser;
let superAdmin: InjectBrowser;
beforeAll(async () => {
  f = await openPortalFixture();
  acmeAdmin = new InjectBrowser(f.app);
  superAdmin = new InjectBrowser(f.app);
  expect((await acmeAdmin.signIn('admin@acme.test', FIXTURE_PASSWORD)).statusCode).toBe(303);
  expect((await superAdmin.signIn('admin@navcast.test', FIXTURE_PASSWORD)).statusCode).toBe(303);
  await acmeAdmin.get('/settings/api-keys');
  await superAdmin.get('/admin/machine-tokens');
}, 120_000);
afterAll(async () => f?.close());

/** A JSON call from a signed-in browser (session cookie + X-CSRF-Token). */
function sessionJson(browser: InjectBrowser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, json?: unknown): Promise<LightMyRequestResponse> {
  return browser.request(method, url, { json, headers: { 'x-csrf-token': browser.csrfToken ?? '' } });
}

function bearer(token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, json?: unknown): Promise<LightMyRequestResponse> {
  return f.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(json === undefined ? {} : { payload: json as object }) });
}

describe('API keys', () => {
  it('shows a key issued on the page once, keeps only its SHA-256 and lists it by prefix', async () => {
    const page = await acmeAdmin.postForm('/settings/api-keys', { name: 'Nightly export', role: 'viewer' });
    expect(page.statusCode).toBe(200);
    const key = /sk_live_[A-Za-z0-9_-]{43}/.exec(page.body)?.[0] as string;
    expect(key).toBeDefined();
    const listed = await acmeAdmin.get('/settings/api-keys');
    expect(listed.body).not.toContain(key);
    expect(listed.body).toContain(key.slice(0, 12));
    const rows = await f.ownerPool.query('SELECT key_hash, key_prefix, role, row_to_json(k)::text AS whole FROM read_models.api_keys_v1 k WHERE tenant_id = $1', [f.acmeOrgId]);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ key_hash: sha256(key), key_prefix: key.slice(0, 12), role: 'viewer' });
    expect(rows.rows[0].whole).not.toContain(key);
    const inLog = await f.ownerPool.query("SELECT count(*)::int AS n FROM events WHERE payload::text LIKE '%' || $1 || '%'", [key.slice(8)]);
    expect(inLog.rows[0].n).toBe(0);
  });

  it('works as Bearer within its organisation only, records its last use, and stops when revoked', async () => {
    const issued = await sessionJson(acmeAdmin, 'POST', '/api/v1/api-keys', { name: 'Provisioning', role: 'org_admin' });
    expect(issued.statusCode).toBe(201);
    const { key, keyId } = issued.json() as { key: string; keyId: string };
    expect(key).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);

    const users = await bearer(key, 'GET', '/api/v1/users');
    expect(users.statusCode).toBe(200);
    const emails = (users.json() as { users: { email: string }[] }).users.map((u) => u.email);
    expect(emails).toContain('viewer@acme.test');
    expect(emails.some((e) => e.endsWith('globex.test'))).toBe(false);
    // Another organisation's user by id is simply not there.
    expect((await bearer(key, 'PATCH', `/api/v1/users/${f.users.globexMember.userId}`, { role: 'viewer' })).statusCode).toBe(404);
    // A change made through the key names the key as the event's actor.
    expect((await bearer(key, 'PATCH', `/api/v1/users/${f.users.acmeViewer.userId}`, { role: 'member' })).statusCode).toBe(200);
    const actor = await f.ownerPool.query("SELECT metadata -> 'actor' AS actor FROM events WHERE tenant_id = $1 AND event_type = 'UserRoleChanged'", [f.acmeOrgId]);
    expect(actor.rows.map((r) => r.actor)).toEqual([{ kind: 'api_key', id: keyId }]);
    // A key may not mint keys (a leaked key must not outlive its revocation).
    expect((await bearer(key, 'POST', '/api/v1/api-keys', { name: 'child', role: 'viewer' })).statusCode).toBe(403);
    // Keys work on the JSON API only.
    expect((await f.app.inject({ method: 'GET', url: '/settings/users', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(401);

    const used = await f.ownerPool.query("SELECT tenant_id, last_used_at FROM web.credential_use WHERE kind = 'api_key' AND credential_id = $1", [keyId]);
    expect(used.rows).toHaveLength(1);
    expect(used.rows[0].tenant_id).toBe(f.acmeOrgId);
    const listed = await sessionJson(acmeAdmin, 'GET', '/api/v1/api-keys');
    const entry = (listed.json() as { apiKeys: { keyId: string; lastUsedAt: string | null; revokedAt: string | null }[] }).apiKeys.find((k) => k.keyId === keyId);
    expect(entry?.lastUsedAt).not.toBeNull();
    expect(entry?.revokedAt).toBeNull();

    const revoked = await sessionJson(acmeAdmin, 'DELETE', `/api/v1/api-keys/${keyId}`);
    expect(revoked.statusCode).toBe(200);
    expect((revoked.json() as { revokedAt: string | null }).revokedAt).not.toBeNull();
    const refused = await bearer(key, 'GET', '/api/v1/users');
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await bearer(`sk_live_${'A'.repeat(43)}`, 'GET', '/api/v1/users')).statusCode).toBe(401);
  });

  it('never grants more than the issuer has: no super_admin keys, no super_admin roles from an org_admin', async () => {
    expect((await sessionJson(acmeAdmin, 'POST', '/api/v1/api-keys', { name: 'root', role: 'super_admin' })).statusCode).toBe(403);
    expect((await sessionJson(superAdmin, 'POST', '/api/v1/api-keys', { name: 'root', role: 'super_admin' })).statusCode).toBe(403);
    expect((await sessionJson(acmeAdmin, 'PATCH', `/api/v1/users/${f.users.acmeMember.userId}`, { role: 'super_admin' })).statusCode).toBe(403);
    const member = new InjectBrowser(f.app);
    await member.signIn('member@acme.test', FIXTURE_PASSWORD);
    await member.get('/');
    expect((await sessionJson(member, 'POST', '/api/v1/api-keys', { name: 'mine', role: 'member' })).statusCode).toBe(403);
    const keys = await f.ownerPool.query("SELECT count(*)::int AS n FROM read_models.api_keys_v1 WHERE name IN ('root', 'mine')");
    expect(keys.rows[0].n).toBe(0);
  });
});

describe('OpenAPI', () => {
  it('documents the users, API key and machine token operations', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/users'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/api-keys'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/api-keys/{keyId}'] ?? {})).toEqual(['delete']);
    expect(Object.keys(doc.paths['/api/v1/admin/machine-tokens/{tokenId}/rotate'] ?? {})).toEqual(['post']);
  });
});

describe('machine tokens', () => {
  it('are for super_admins; rotation invalidates the old secret at once, revocation the new one', async () => {
    expect((await sessionJson(acmeAdmin, 'POST', '/api/v1/admin/machine-tokens', { nodeName: 'node-x', scopes: ['runs:claim'] })).statusCode).toBe(403);
    expect((await acmeAdmin.get('/admin/machine-tokens')).statusCode).toBe(403);
    const issued = await sessionJson(superAdmin, 'POST', '/api/v1/admin/machine-tokens', { nodeName: 'sampler-1', scopes: ['runs:report', 'runs:claim'] });
    expect(issued.statusCode).toBe(201);
    const { tokenId, token: first } = issued.json() as { tokenId: string; token: string };
    expect(first).toMatch(/^mt_[A-Za-z0-9_-]{43}$/);
    const stored = await f.ownerPool.query('SELECT token_hash, scopes FROM read_models.machine_tokens_v1 WHERE token_id = $1', [tokenId]);
    expect(stored.rows).toEqual([{ token_hash: sha256(first), scopes: ['runs:claim', 'runs:report'] }]);

    // An authenticated machine token is refused person routes with 403; an invalid one gets 401.
    expect((await bearer(first, 'GET', '/api/v1/users')).statusCode).toBe(403);
    const rotated = await sessionJson(superAdmin, 'POST', `/api/v1/admin/machine-tokens/${tokenId}/rotate`);
    expect(rotated.statusCode).toBe(200);
    const second = (rotated.json() as { token: string }).token;
    expect(second).not.toBe(first);
    expect((await bearer(first, 'GET', '/api/v1/users')).statusCode).toBe(401);
    expect((await bearer(second, 'GET', '/api/v1/users')).statusCode).toBe(403);

    const page = await superAdmin.get('/admin/machine-tokens');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('sampler-1');
    expect(page.body).not.toContain(second);
    const listed = (await sessionJson(superAdmin, 'GET', '/api/v1/admin/machine-tokens')).json() as { machineTokens: { tokenId: string; lastUsedAt: string | null; rotatedAt: string | null }[] };
    expect(listed.machineTokens.find((t) => t.tokenId === tokenId)).toMatchObject({ tokenId });
    expect(listed.machineTokens[0].lastUsedAt).not.toBeNull();
    expect(listed.machineTokens[0].rotatedAt).not.toBeNull();

    expect((await sessionJson(superAdmin, 'DELETE', `/api/v1/admin/machine-tokens/${tokenId}`)).statusCode).toBe(200);
    expect((await bearer(second, 'GET', '/api/v1/users')).statusCode).toBe(401);
    expect((await sessionJson(superAdmin, 'POST', `/api/v1/admin/machine-tokens/${tokenId}/rotate`)).statusCode).toBe(409);
  });
});
