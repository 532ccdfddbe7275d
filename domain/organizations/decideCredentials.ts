import { assertMayManageApiKeys, assertMayManageMachineTokens } from './authorization.js';
import type { AcceptInvitation, Actor, CommandMetadata, IssueApiKey, IssueMachineToken, RevokeApiKey, RevokeMachineToken, RotateMachineToken, SetUserPassword } from './commands.js';
import {
  ApiKeyNotFoundError,
  CredentialIdAlreadyUsedError,
  ForbiddenError,
  InvitationAlreadyAcceptedError,
  MachineTokenNotFoundError,
  MachineTokenRevokedError,
  OrganizationNotFoundError,
  RoleNotAllowedError,
  UserDeactivatedError,
  UserNotFoundError,
} from './errors.js';
import type { OrganizationEvent } from './events.js';
import type { OrganizationState, UserState } from './state.js';
import type { z } from 'zod';

type Existing = Extract<OrganizationState, { status: 'exists' }>;

/** Commands on credentials: passwords, API keys and machine tokens. */
export type CredentialCommand = z.output<
  typeof SetUserPassword | typeof AcceptInvitation | typeof IssueApiKey | typeof RevokeApiKey | typeof IssueMachineToken | typeof RotateMachineToken | typeof RevokeMachineToken
>;

function existingOrganization(state: OrganizationState): Existing {
  if (state.status !== 'exists') throw new OrganizationNotFoundError();
  return state;
}

/**
 * A password is set by its owner only (the web proves who they are with a single-use link)
 * or by an operator; an administrator never chooses another person's password.
 */
function ownedUser(org: Existing, actor: Actor, userId: string): UserState {
  const user = org.users.get(userId);
  if (user === undefined) throw new UserNotFoundError(userId);
  const self = actor.kind === 'user' && actor.orgId === org.orgId && actor.userId === userId;
  if (!self && actor.kind !== 'operator') throw new ForbiddenError('only the user themselves may set their password');
  if (user.status === 'deactivated') throw new UserDeactivatedError(userId);
  return user;
}

function platformOrganization(state: OrganizationState, actor: Actor): Existing {
  const org = existingOrganization(state);
  assertMayManageMachineTokens(actor);
  if (org.kind !== 'platform') throw new ForbiddenError('machine tokens belong to the platform organisation');
  return org;
}

function liveMachineToken(org: Existing, tokenId: string): { revoked: boolean } {
  const token = org.machineTokens.get(tokenId);
  if (token === undefined) throw new MachineTokenNotFoundError(tokenId);
  return token;
}

/** Decides a credential command (see decide). */
export function decideCredential(command: CredentialCommand, state: OrganizationState, meta: CommandMetadata): OrganizationEvent[] {
  const at = meta.at;
  switch (command.type) {
    case 'SetUserPassword': {
      ownedUser(existingOrganization(state), meta.actor, command.userId);
      return [{ type: 'UserPasswordSet', data: { userId: command.userId, passwordHash: command.passwordHash, setAt: at } }];
    }
    case 'AcceptInvitation': {
      const user = ownedUser(existingOrganization(state), meta.actor, command.userId);
      if (user.status !== 'invited') throw new InvitationAlreadyAcceptedError(command.userId);
      return [
        { type: 'UserPasswordSet', data: { userId: command.userId, passwordHash: command.passwordHash, setAt: at } },
        { type: 'UserActivated', data: { userId: command.userId, activatedAt: at } },
      ];
    }
    case 'IssueApiKey': {
      const org = existingOrganization(state);
      if (command.role === 'super_admin') throw new RoleNotAllowedError('super_admin', 'API keys never carry super_admin');
      assertMayManageApiKeys(meta.actor, command.orgId, command.role);
      if (org.apiKeys.has(command.keyId)) throw new CredentialIdAlreadyUsedError('API key', command.keyId);
      const { keyId, name, role, keyHash, keyPrefix } = command;
      return [{ type: 'ApiKeyIssued', data: { keyId, name, role, keyHash, keyPrefix, issuedAt: at } }];
    }
    case 'RevokeApiKey': {
      const key = existingOrganization(state).apiKeys.get(command.keyId);
      if (key === undefined) throw new ApiKeyNotFoundError(command.keyId);
      assertMayManageApiKeys(meta.actor, command.orgId, key.role);
      return key.revoked ? [] : [{ type: 'ApiKeyRevoked', data: { keyId: command.keyId, revokedAt: at } }];
    }
    case 'IssueMachineToken': {
      const org = platformOrganization(state, meta.actor);
      if (org.machineTokens.has(command.tokenId)) throw new CredentialIdAlreadyUsedError('machine token', command.tokenId);
      const { tokenId, nodeName, scopes, tokenHash } = command;
      return [{ type: 'MachineTokenIssued', data: { tokenId, nodeName, scopes: [...new Set(scopes)].sort(), tokenHash, issuedAt: at } }];
    }
    case 'RotateMachineToken': {
      const token = liveMachineToken(platformOrganization(state, meta.actor), command.tokenId);
      if (token.revoked) throw new MachineTokenRevokedError(command.tokenId);
      return [{ type: 'MachineTokenRotated', data: { tokenId: command.tokenId, tokenHash: command.tokenHash, rotatedAt: at } }];
    }
    case 'RevokeMachineToken': {
      const token = liveMachineToken(platformOrganization(state, meta.actor), command.tokenId);
      return token.revoked ? [] : [{ type: 'MachineTokenRevoked', data: { tokenId: command.tokenId, revokedAt: at } }];
    }
  }
}
