import { describe, it } from 'vitest';
import { specFor } from '../kit/decider.js';
import {
  ApiKeyNotFoundError,
  CredentialIdAlreadyUsedError,
  ForbiddenError,
  organizationDecider,
  InvitationAlreadyAcceptedError,
  MachineTokenNotFoundError,
  MachineTokenRevokedError,
  RoleNotAllowedError,
  UserDeactivatedError,
  type CommandMetadata,
  type OrganizationEvent,
  type Role,
} from '../../domain/organizations/index.js';

const at = '2026-02-01T10:00:00.000Z';
const orgId = '0b7c1d5e-8f3a-4c2b-9d1e-2f3a4b5c6d7e';
const otherOrg = '3c8d2e6f-9a4b-4d3c-8e2f-3a4b5c6d7e8f';
const platformId = '00000000-0000-0000-0000-000000000000';
const alice = '11111111-1111-4111-8111-111111111111';
const keyId = '44444444-4444-4444-8444-444444444444';
const tokenId = '55555555-5555-4555-8555-555555555555';
const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA';
const keyHash = 'a'.repeat(64);
const newHash = 'b'.repeat(64);
const operator: CommandMetadata = { commandId: '99999999-9999-4999-8999-999999999999', at, actor: { kind: 'operator', name: 'cli' } };
const asUser = (role: Role, inOrg = orgId, userId = '22222222-2222-4222-8222-222222222222'): CommandMetadata => ({
  ...operator,
  actor: { kind: 'user', userId, orgId: inOrg, role },
});

const decider = organizationDecider;
const created: OrganizationEvent = { type: 'OrganizationCreated', data: { orgId, name: 'Acme', kind: 'client', createdAt: at } };
const invited: OrganizationEvent = { type: 'UserInvited', data: { userId: alice, email: 'alice@acme.com', role: 'member', invitedAt: at } };
const activated: OrganizationEvent = { type: 'UserActivated', data: { userId: alice, activatedAt: at } };
const passwordSet: OrganizationEvent = { type: 'UserPasswordSet', data: { userId: alice, passwordHash: hash, setAt: at } };
const asAlice = asUser('member', orgId, alice);

describe('organisation decider: passwords', () => {
  it('accepts an invitation: password set, then active; only once and only by the invitee', () => {
    const accept = { type: 'AcceptInvitation' as const, orgId, userId: alice, passwordHash: hash };
    specFor(decider, asAlice)([created, invited]).when(accept).then([passwordSet, activated]);
    specFor(decider, asAlice)([created, invited, activated]).when(accept).thenThrows(InvitationAlreadyAcceptedError, 'invitation_already_accepted');
    specFor(decider, asUser('org_admin'))([created, invited]).when(accept).thenThrows(ForbiddenError, 'forbidden');
    const deactivated: OrganizationEvent = { type: 'UserDeactivated', data: { userId: alice, deactivatedAt: at } };
    specFor(decider, asAlice)([created, invited, deactivated]).when(accept).thenThrows(UserDeactivatedError);
  });

  it('sets a password for the user themselves or an operator, never for an admin of someone else', () => {
    const set = { type: 'SetUserPassword' as const, orgId, userId: alice, passwordHash: hash };
    specFor(decider, asAlice)([created, invited, activated]).when(set).then([passwordSet]);
    specFor(decider, operator)([created, invited, activated]).when(set).then([passwordSet]);
    specFor(decider, asUser('org_admin'))([created, invited, activated]).when(set).thenThrows(ForbiddenError);
    specFor(decider, asUser('super_admin', platformId))([created, invited, activated]).when(set).thenThrows(ForbiddenError);
  });
});

describe('organisation decider: API keys', () => {
  const issue = { type: 'IssueApiKey' as const, orgId, keyId, name: 'CI upload', role: 'member' as const, keyHash, keyPrefix: 'sk_live_AbC1' };
  const issued: OrganizationEvent = {
    type: 'ApiKeyIssued',
    data: { keyId, name: 'CI upload', role: 'member', keyHash, keyPrefix: 'sk_live_AbC1', issuedAt: at },
  };
  const revoked: OrganizationEvent = { type: 'ApiKeyRevoked', data: { keyId, revokedAt: at } };

  it('lets an org_admin issue keys up to their own role in their own organisation, never super_admin', () => {
    specFor(decider, asUser('org_admin'))([created]).when(issue).then([issued]);
    specFor(
      decider,
      asUser('org_admin'),
    )([created])
      .when({ ...issue, role: 'org_admin' })
      .then([{ ...issued, data: { ...issued.data, role: 'org_admin' } }]);
    specFor(
      decider,
      asUser('org_admin'),
    )([created])
      .when({ ...issue, role: 'super_admin' })
      .thenThrows(RoleNotAllowedError, 'role_not_allowed');
    specFor(
      decider,
      asUser('super_admin', platformId),
    )([created])
      .when({ ...issue, role: 'super_admin' })
      .thenThrows(RoleNotAllowedError);
    specFor(decider, asUser('member'))([created]).when(issue).thenThrows(ForbiddenError);
    specFor(decider, asUser('org_admin', otherOrg))([created]).when(issue).thenThrows(ForbiddenError);
    specFor(decider, asUser('org_admin'))([created, issued]).when(issue).thenThrows(CredentialIdAlreadyUsedError, 'credential_id_already_used');
  });

  it('does not let an API key mint or revoke keys', () => {
    const viaKey: CommandMetadata = { ...operator, actor: { kind: 'apiKey', keyId, orgId, role: 'org_admin' } };
    specFor(
      decider,
      viaKey,
    )([created])
      .when({ ...issue, keyId: alice })
      .thenThrows(ForbiddenError);
    specFor(decider, viaKey)([created, issued]).when({ type: 'RevokeApiKey', orgId, keyId }).thenThrows(ForbiddenError);
  });

  it('revokes a key once; an unknown key is not found', () => {
    const revoke = { type: 'RevokeApiKey' as const, orgId, keyId };
    specFor(decider, asUser('org_admin'))([created, issued]).when(revoke).then([revoked]);
    specFor(decider, asUser('org_admin'))([created, issued, revoked]).when(revoke).thenNothingHappened();
    specFor(decider, asUser('org_admin'))([created]).when(revoke).thenThrows(ApiKeyNotFoundError, 'api_key_not_found');
    specFor(decider, asUser('viewer'))([created, issued]).when(revoke).thenThrows(ForbiddenError);
  });
});

describe('organisation decider: machine tokens', () => {
  const platform: OrganizationEvent = { type: 'OrganizationCreated', data: { orgId: platformId, name: 'P', kind: 'platform', createdAt: at } };
  const issue = { type: 'IssueMachineToken' as const, orgId: platformId, tokenId, nodeName: 'node-1', scopes: ['runs:claim', 'runs:report', 'runs:claim'], tokenHash: keyHash };
  const issued: OrganizationEvent = {
    type: 'MachineTokenIssued',
    data: { tokenId, nodeName: 'node-1', scopes: ['runs:claim', 'runs:report'], tokenHash: keyHash, issuedAt: at },
  };
  const rotate = { type: 'RotateMachineToken' as const, orgId: platformId, tokenId, tokenHash: newHash };
  const rotated: OrganizationEvent = { type: 'MachineTokenRotated', data: { tokenId, tokenHash: newHash, rotatedAt: at } };
  const revoke = { type: 'RevokeMachineToken' as const, orgId: platformId, tokenId };
  const revoked: OrganizationEvent = { type: 'MachineTokenRevoked', data: { tokenId, revokedAt: at } };
  const superAdmin = asUser('super_admin', platformId);

  it('issues tokens on the platform organisation for super_admins only', () => {
    specFor(decider, superAdmin)([platform]).when(issue).then([issued]);
    specFor(decider, operator)([platform]).when(issue).then([issued]);
    specFor(decider, asUser('org_admin', platformId))([platform]).when(issue).thenThrows(ForbiddenError);
    specFor(
      decider,
      superAdmin,
    )([created])
      .when({ ...issue, orgId })
      .thenThrows(ForbiddenError);
    specFor(decider, superAdmin)([platform, issued]).when(issue).thenThrows(CredentialIdAlreadyUsedError);
  });

  it('rotates a live token, revokes once, and refuses to rotate a revoked or unknown one', () => {
    specFor(decider, superAdmin)([platform, issued]).when(rotate).then([rotated]);
    specFor(decider, superAdmin)([platform, issued, rotated]).when(revoke).then([revoked]);
    specFor(decider, superAdmin)([platform, issued, revoked]).when(revoke).thenNothingHappened();
    specFor(decider, superAdmin)([platform, issued, revoked]).when(rotate).thenThrows(MachineTokenRevokedError, 'machine_token_revoked');
    specFor(decider, superAdmin)([platform]).when(rotate).thenThrows(MachineTokenNotFoundError, 'machine_token_not_found');
  });
});
