import { describe, it } from 'vitest';
import { specFor } from '../kit/decider.js';
import {
  EmailAlreadyInUseError,
  ForbiddenError,
  organizationDecider,
  OrganizationAlreadyExistsError,
  OrganizationNotFoundError,
  RoleNotAllowedError,
  UserDeactivatedError,
  UserNotFoundError,
  type CommandMetadata,
  type OrganizationEvent,
} from '../../domain/organizations/index.js';

const at = '2026-02-01T10:00:00.000Z';
const orgId = '0b7c1d5e-8f3a-4c2b-9d1e-2f3a4b5c6d7e';
const platformId = '00000000-0000-4000-8000-000000000000';
const alice = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';
const hash = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
const operator: CommandMetadata = { commandId: '99999999-9999-4999-8999-999999999999', at, actor: { kind: 'operator', name: 'cli' } };
const asUser = (role: 'viewer' | 'member' | 'org_admin' | 'super_admin', inOrg = orgId): CommandMetadata => ({
  ...operator,
  actor: { kind: 'user', userId: bob, orgId: inOrg, role },
});

const decider = organizationDecider;
const created: OrganizationEvent = { type: 'OrganizationCreated', data: { orgId, name: 'Acme', kind: 'client', createdAt: at } };
const aliceInvited: OrganizationEvent = { type: 'UserInvited', data: { userId: alice, email: 'alice@acme.com', role: 'member', invitedAt: at } };

describe('organisation decider', () => {
  const given = specFor(decider, operator);

  it('creates an organisation once', () => {
    given().when({ type: 'CreateOrganization', orgId, name: 'Acme' }).then([created]);
    given([created]).when({ type: 'CreateOrganization', orgId, name: 'Acme' }).thenThrows(OrganizationAlreadyExistsError, 'organization_already_exists');
  });

  it('bootstraps the platform with an active super_admin, and only once', () => {
    const command = { type: 'BootstrapPlatform' as const, orgId: platformId, name: 'Platform', userId: alice, email: 'root@x.io', passwordHash: hash };
    given()
      .when(command)
      .then([
        { type: 'OrganizationCreated', data: { orgId: platformId, name: 'Platform', kind: 'platform', createdAt: at } },
        { type: 'UserInvited', data: { userId: alice, email: 'root@x.io', role: 'super_admin', invitedAt: at, passwordHash: hash } },
        { type: 'UserActivated', data: { userId: alice, activatedAt: at } },
      ]);
    given([created]).when(command).thenThrows(OrganizationAlreadyExistsError);
    specFor(decider, asUser('super_admin', platformId))().when(command).thenThrows(ForbiddenError, 'forbidden');
  });

  it('invites users into an existing organisation with unique e-mail addresses', () => {
    const invite = { type: 'InviteUser' as const, orgId, userId: alice, email: 'alice@acme.com', role: 'member' as const };
    given([created]).when(invite).then([aliceInvited]);
    given().when(invite).thenThrows(OrganizationNotFoundError);
    given([created, aliceInvited])
      .when({ ...invite, userId: bob })
      .thenThrows(EmailAlreadyInUseError);
    const deactivated: OrganizationEvent = { type: 'UserDeactivated', data: { userId: alice, deactivatedAt: at } };
    given([created, aliceInvited, deactivated])
      .when({ ...invite, userId: bob })
      .then([{ type: 'UserInvited', data: { userId: bob, email: 'alice@acme.com', role: 'member', invitedAt: at } }]);
  });

  it('activates a user invited with a password in the same append, so that they can sign in', () => {
    const invite = { type: 'InviteUser' as const, orgId, userId: alice, email: 'alice@acme.com', role: 'member' as const, passwordHash: hash };
    given([created])
      .when(invite)
      .then([
        { type: 'UserInvited', data: { ...aliceInvited.data, passwordHash: hash } },
        { type: 'UserActivated', data: { userId: alice, activatedAt: at } },
      ]);
  });

  it('lets org_admins manage their own organisation only, up to their own role', () => {
    const invite = { type: 'InviteUser' as const, orgId, userId: alice, email: 'alice@acme.com', role: 'org_admin' as const };
    specFor(
      decider,
      asUser('org_admin'),
    )([created])
      .when(invite)
      .then([{ ...aliceInvited, data: { ...aliceInvited.data, role: 'org_admin' } }]);
    specFor(decider, asUser('member'))([created]).when(invite).thenThrows(ForbiddenError);
    specFor(decider, asUser('org_admin', platformId))([created]).when(invite).thenThrows(ForbiddenError);
    specFor(
      decider,
      asUser('super_admin', platformId),
    )([created])
      .when(invite)
      .then([{ ...aliceInvited, data: { ...aliceInvited.data, role: 'org_admin' } }]);
  });

  it('activates an invited user once; a deactivated user cannot be activated', () => {
    const activate = { type: 'ActivateUser' as const, orgId, userId: alice };
    const activated: OrganizationEvent = { type: 'UserActivated', data: { userId: alice, activatedAt: at } };
    given([created, aliceInvited]).when(activate).then([activated]);
    given([created, aliceInvited, activated]).when(activate).thenNothingHappened();
    given([created, aliceInvited, { type: 'UserDeactivated', data: { userId: alice, deactivatedAt: at } }])
      .when(activate)
      .thenThrows(UserDeactivatedError);
    given([created]).when(activate).thenThrows(UserNotFoundError);
    const self: CommandMetadata = { ...operator, actor: { kind: 'user', userId: alice, orgId, role: 'member' } };
    specFor(decider, self)([created, aliceInvited]).when(activate).then([activated]);
  });

  it('changes roles, keeps super_admin in the platform and the last super_admin in place', () => {
    given([created, aliceInvited])
      .when({ type: 'ChangeUserRole', orgId, userId: alice, role: 'viewer' })
      .then([{ type: 'UserRoleChanged', data: { userId: alice, from: 'member', to: 'viewer', changedAt: at } }]);
    given([created, aliceInvited]).when({ type: 'ChangeUserRole', orgId, userId: alice, role: 'member' }).thenNothingHappened();
    given([created, aliceInvited]).when({ type: 'ChangeUserRole', orgId, userId: alice, role: 'super_admin' }).thenThrows(RoleNotAllowedError);
    const platform: OrganizationEvent[] = [
      { type: 'OrganizationCreated', data: { orgId: platformId, name: 'P', kind: 'platform', createdAt: at } },
      { type: 'UserInvited', data: { userId: alice, email: 'root@x.io', role: 'super_admin', invitedAt: at } },
      { type: 'UserActivated', data: { userId: alice, activatedAt: at } },
    ];
    given(platform).when({ type: 'ChangeUserRole', orgId: platformId, userId: alice, role: 'viewer' }).thenThrows(RoleNotAllowedError);
    given(platform).when({ type: 'DeactivateUser', orgId: platformId, userId: alice }).thenThrows(RoleNotAllowedError);
  });

  it('deactivates once and refuses role changes afterwards', () => {
    const deactivated: OrganizationEvent = { type: 'UserDeactivated', data: { userId: alice, deactivatedAt: at } };
    given([created, aliceInvited]).when({ type: 'DeactivateUser', orgId, userId: alice }).then([deactivated]);
    given([created, aliceInvited, deactivated]).when({ type: 'DeactivateUser', orgId, userId: alice }).thenNothingHappened();
    given([created, aliceInvited, deactivated]).when({ type: 'ChangeUserRole', orgId, userId: alice, role: 'viewer' }).thenThrows(UserDeactivatedError);
  });
});
