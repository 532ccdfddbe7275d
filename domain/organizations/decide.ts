import type { Decider } from '../decider.js';
import { assertIsOperator, assertMayCreateOrganizations, assertMayManageUsers } from './authorization.js';
import type { Actor, CommandMetadata, OrganizationCommand } from './commands.js';
import {
  EmailAlreadyInUseError,
  ForbiddenError,
  OrganizationAlreadyExistsError,
  OrganizationNotFoundError,
  RoleNotAllowedError,
  UserDeactivatedError,
  UserIdAlreadyUsedError,
  UserNotFoundError,
} from './errors.js';
import { decideCredential } from './decideCredentials.js';
import type { OrganizationEvent } from './events.js';
import type { Role } from './roles.js';
import { evolve, initialState, type OrganizationState, type UserState } from './state.js';

type Existing = Extract<OrganizationState, { status: 'exists' }>;

function existingOrganization(state: OrganizationState): Existing {
  if (state.status !== 'exists') throw new OrganizationNotFoundError();
  return state;
}

function existingUser(state: Existing, userId: string): UserState {
  const user = state.users.get(userId);
  if (user === undefined) throw new UserNotFoundError(userId);
  return user;
}

/** super_admin lives only in the platform organisation, and only there. */
function assertRoleFitsOrganization(state: Existing, role: Role): void {
  if (role === 'super_admin' && state.kind !== 'platform') {
    throw new RoleNotAllowedError(role, 'super_admin exists only in the platform organisation');
  }
}

/** The platform must keep at least one active super_admin, or nobody could administer it. */
function assertNotLastSuperAdmin(state: Existing, userId: string): void {
  const user = existingUser(state, userId);
  if (user.role !== 'super_admin' || user.status !== 'active') return;
  const others = [...state.users].filter(([id, u]) => id !== userId && u.role === 'super_admin' && u.status === 'active');
  if (others.length === 0) throw new RoleNotAllowedError('super_admin', 'the last active super_admin must stay');
}

function isSelf(actor: Actor, orgId: string, userId: string): boolean {
  return actor.kind === 'user' && actor.orgId === orgId && actor.userId === userId;
}

/**
 * Decides which events a command produces on an organisation stream, or throws a rule
 * error. An empty array means the command is already satisfied (nothing happens).
 */
function decide(command: OrganizationCommand, state: OrganizationState, meta: CommandMetadata): OrganizationEvent[] {
  const at = meta.at;
  switch (command.type) {
    case 'CreateOrganization': {
      assertMayCreateOrganizations(meta.actor);
      if (state.status !== 'absent') throw new OrganizationAlreadyExistsError(command.orgId);
      return [{ type: 'OrganizationCreated', data: { orgId: command.orgId, name: command.name, kind: 'client', createdAt: at } }];
    }
    case 'BootstrapPlatform': {
      assertIsOperator(meta.actor);
      if (state.status !== 'absent') throw new OrganizationAlreadyExistsError(command.orgId);
      return [
        { type: 'OrganizationCreated', data: { orgId: command.orgId, name: command.name, kind: 'platform', createdAt: at } },
        {
          type: 'UserInvited',
          data: { userId: command.userId, email: command.email, role: 'super_admin', invitedAt: at, passwordHash: command.passwordHash },
        },
        { type: 'UserActivated', data: { userId: command.userId, activatedAt: at } },
      ];
    }
    case 'InviteUser': {
      const org = existingOrganization(state);
      assertMayManageUsers(meta.actor, command.orgId, command.role);
      if (org.users.has(command.userId)) throw new UserIdAlreadyUsedError(command.userId);
      for (const user of org.users.values()) {
        if (user.email === command.email && user.status !== 'deactivated') throw new EmailAlreadyInUseError(command.email);
      }
      const data = { userId: command.userId, email: command.email, role: command.role, invitedAt: at };
      if (command.passwordHash === undefined) return [{ type: 'UserInvited', data }];
      // A password chosen for the user (`navcast user invite --password`) is an account that
      // is ready: it is activated in the same append, as BootstrapPlatform does, so that it
      // can sign in (an invited user without a password activates on accepting the link).
      return [
        { type: 'UserInvited', data: { ...data, passwordHash: command.passwordHash } },
        { type: 'UserActivated', data: { userId: command.userId, activatedAt: at } },
      ];
    }
    case 'ActivateUser': {
      const org = existingOrganization(state);
      const user = existingUser(org, command.userId);
      if (!isSelf(meta.actor, command.orgId, command.userId)) assertMayManageUsers(meta.actor, command.orgId, user.role);
      if (user.status === 'deactivated') throw new UserDeactivatedError(command.userId);
      if (user.status === 'active') return [];
      return [{ type: 'UserActivated', data: { userId: command.userId, activatedAt: at } }];
    }
    case 'ChangeUserRole': {
      const org = existingOrganization(state);
      const user = existingUser(org, command.userId);
      assertMayManageUsers(meta.actor, command.orgId, user.role);
      assertMayManageUsers(meta.actor, command.orgId, command.role);
      assertRoleFitsOrganization(org, command.role);
      if (user.status === 'deactivated') throw new UserDeactivatedError(command.userId);
      if (user.role === command.role) return [];
      if (command.role !== 'super_admin') assertNotLastSuperAdmin(org, command.userId);
      return [{ type: 'UserRoleChanged', data: { userId: command.userId, from: user.role, to: command.role, changedAt: at } }];
    }
    case 'DeactivateUser': {
      const org = existingOrganization(state);
      const user = existingUser(org, command.userId);
      assertMayManageUsers(meta.actor, command.orgId, user.role);
      if (isSelf(meta.actor, command.orgId, command.userId)) throw new ForbiddenError('a user may not deactivate themselves');
      if (user.status === 'deactivated') return [];
      assertNotLastSuperAdmin(org, command.userId);
      return [{ type: 'UserDeactivated', data: { userId: command.userId, deactivatedAt: at } }];
    }
    default:
      return decideCredential(command, state, meta);
  }
}

/** An organisation with its users and credentials, decided on its `org-<orgId>` stream. */
export const organizationDecider: Decider<OrganizationCommand, OrganizationEvent, OrganizationState> = { initialState, evolve, decide };
