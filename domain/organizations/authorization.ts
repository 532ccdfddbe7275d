import type { Actor } from './commands.js';
import { ForbiddenError } from './errors.js';
import { hasRoleAtLeast, type Role } from './roles.js';

/**
 * Checks that `actor` may manage users of organisation `orgId` and hand out `role`.
 * Operators (CLI with database access) and super_admins may manage any organisation;
 * an org_admin only their own, and never grant or touch a role above their own.
 */
export function assertMayManageUsers(actor: Actor, orgId: string, role: Role): void {
  assertMayAdminister(actor, orgId, role, 'users');
}

/**
 * Same rule for API keys: an org_admin issues and revokes keys of their organisation with at
 * most their own role. A key may not mint keys: a leaked key must not outlive its revocation.
 */
export function assertMayManageApiKeys(actor: Actor, orgId: string, role: Role): void {
  if (actor.kind === 'apiKey') throw new ForbiddenError('an API key may not issue or revoke API keys; sign in to the portal');
  assertMayAdminister(actor, orgId, role, 'API keys');
}

function assertMayAdminister(actor: Actor, orgId: string, role: Role, what: string): void {
  if (actor.kind === 'operator') return;
  if (actor.role === 'super_admin') return;
  if (actor.orgId !== orgId || !hasRoleAtLeast(actor.role, 'org_admin')) {
    throw new ForbiddenError(`only an org_admin of this organisation or a super_admin may manage its ${what}`);
  }
  if (!hasRoleAtLeast(actor.role, role)) throw new ForbiddenError(`an ${actor.role} may not act on role ${role}`);
}

/** Machine tokens of sampler nodes are the platform's: super_admins and operators only. */
export function assertMayManageMachineTokens(actor: Actor): void {
  if (actor.kind === 'operator' || (actor.kind === 'user' && actor.role === 'super_admin')) return;
  throw new ForbiddenError('only a super_admin may manage machine tokens');
}

/** Organisations are created by operators and super_admins only. */
export function assertMayCreateOrganizations(actor: Actor): void {
  if (actor.kind === 'operator' || actor.role === 'super_admin') return;
  throw new ForbiddenError('only a super_admin may create organisations');
}

/** Bootstrapping the platform is an operator's act, done once from the CLI. */
export function assertIsOperator(actor: Actor): void {
  if (actor.kind !== 'operator') throw new ForbiddenError('only an operator may bootstrap the platform');
}
