/** Given events, then rows: the organisations and credentials projectors (test/kit/projection.ts). */
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import type { OrganizationEvent } from '../../domain/organizations/index.js';
import { credentialsProjection, organizationsProjection } from '../../projections/index.js';
import { apiKeysTable, machineTokensTable, organizationsTable, usersTable } from '../../read-models/index.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { projectionSpec } from '../kit/projection.js';

const alice = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';
const key = '33333333-3333-4333-8333-333333333333';
const token = '44444444-4444-4444-8444-444444444444';
const T = (day: number) => `2026-02-0${day}T10:00:00.000Z`;
const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA';

const created = (orgId: string): OrganizationEvent => ({ type: 'OrganizationCreated', data: { orgId, name: 'Acme', kind: 'client', createdAt: T(1) } });
const invited = (userId: string, email: string, role: 'member' | 'viewer'): OrganizationEvent => ({ type: 'UserInvited', data: { userId, email, role, invitedAt: T(1) } });

describe('organisation projectors: given events, then rows (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.ownerUrl, max: 3 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });
  const organizations = () => projectionSpec(organizationsProjection, pool);
  const credentials = () => projectionSpec(credentialsProjection, pool);
  const platformCredentials = () => projectionSpec(credentialsProjection, pool, { tenantId: PLATFORM_TENANT_ID });

  it('an organisation becomes its row', async () => {
    await organizations()()
      .when((t) => [created(t)])
      .then(organizationsTable, [{ name: 'Acme', kind: 'client', created_at: T(1), last_seq: '1' }]);
  });

  it('an invitation is an invited user without a password until one is set', async () => {
    await organizations()((t) => [created(t)])
      .when([invited(alice, 'alice@acme.com', 'member')])
      .then(usersTable, [{ user_id: alice, email: 'alice@acme.com', role: 'member', status: 'invited', password_hash: null, invited_at: T(1), activated_at: null, last_seq: '2' }]);
    await organizations()((t) => [created(t), invited(alice, 'alice@acme.com', 'member')])
      .when([{ type: 'UserPasswordSet', data: { userId: alice, passwordHash: hash, setAt: T(2) } }])
      .then(usersTable, [{ user_id: alice, password_hash: hash, last_seq: '3' }]);
  });

  it('activation, a role change and deactivation patch the user row', async () => {
    await organizations()((t) => [created(t), invited(alice, 'alice@acme.com', 'member'), invited(bob, 'bob@acme.com', 'viewer')])
      .when([
        { type: 'UserActivated', data: { userId: alice, activatedAt: T(2) } },
        { type: 'UserRoleChanged', data: { userId: alice, from: 'member', to: 'org_admin', changedAt: T(3) } },
        { type: 'UserDeactivated', data: { userId: bob, deactivatedAt: T(4) } },
      ])
      .then(usersTable, [
        { user_id: alice, role: 'org_admin', status: 'active', activated_at: T(2), role_changed_at: T(3), last_seq: '5' },
        { user_id: bob, role: 'viewer', status: 'deactivated', deactivated_at: T(4), last_seq: '6' },
      ]);
  });

  it('credential events write no user rows', async () => {
    await organizations()((t) => [created(t)])
      .when([{ type: 'ApiKeyIssued', data: { keyId: key, name: 'excel', role: 'member', keyHash: 'a'.repeat(64), keyPrefix: 'sk_live_AAAA', issuedAt: T(2) } }])
      .then(usersTable, []);
  });

  it('an API key becomes a row with its hash and prefix, and revocation stamps it', async () => {
    const issued: OrganizationEvent = { type: 'ApiKeyIssued', data: { keyId: key, name: 'excel', role: 'member', keyHash: 'a'.repeat(64), keyPrefix: 'sk_live_AAAA', issuedAt: T(2) } };
    await credentials()((t) => [created(t)])
      .when([issued])
      .then(apiKeysTable, [{ key_id: key, name: 'excel', role: 'member', key_hash: 'a'.repeat(64), key_prefix: 'sk_live_AAAA', issued_at: T(2), revoked_at: null }]);
    await credentials()((t) => [created(t), issued])
      .when([{ type: 'ApiKeyRevoked', data: { keyId: key, revokedAt: T(3) } }])
      .then(apiKeysTable, [{ key_id: key, revoked_at: T(3), last_seq: '3' }]);
  });

  it('a machine token is rotated (new hash) and revoked', async () => {
    const issued: OrganizationEvent = { type: 'MachineTokenIssued', data: { tokenId: token, nodeName: 'node-1', scopes: ['runs:claim'], tokenHash: 'b'.repeat(64), issuedAt: T(2) } };
    await platformCredentials()((t) => [created(t), issued])
      .when([
        { type: 'MachineTokenRotated', data: { tokenId: token, tokenHash: 'c'.repeat(64), rotatedAt: T(3) } },
        { type: 'MachineTokenRevoked', data: { tokenId: token, revokedAt: T(4) } },
      ])
      .then(machineTokensTable, [{ token_id: token, node_name: 'node-1', scopes: ['runs:claim'], token_hash: 'c'.repeat(64), rotated_at: T(3), revoked_at: T(4), last_seq: '4' }]);
  });

  it('user events write no credential rows', async () => {
    await credentials()((t) => [created(t)])
      .when([invited(alice, 'alice@acme.com', 'member')])
      .thenTables([
        [apiKeysTable, []],
        [machineTokensTable, []],
      ]);
  });
});
