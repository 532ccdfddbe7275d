import type { Actor } from './commands.js';
import { ForbiddenError } from './errors.js';
import { hasRoleAtLeast, type Role } from './roles.js';

/**
 * Checks that `actor` may manage users of organisation `orgId` and hand out `role`.
 * Operators (CLI with database access) and super_admins may manage any organisation;
 * an org_admin only their own, and never grant or touch a role above their own.
 */
export function assertMayManageUsers(actor: Actor, orgId: string, role: Role): void {
  if (actor.kind === 'operator') return;
  if (actor.role === 'super_admin') return;
  if (actor.orgId !== orgId || !hasRoleAtLeast(actor.role, 'org_admin')) {
    throw new ForbiddenError('only an org_admin of this organisation or a super_admin may manage its users');
  }
  if (!hasRoleAtLeast(actor.role, role)) throw new ForbiddenError(`an ${actor.role} may not act on role ${role}`);
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
