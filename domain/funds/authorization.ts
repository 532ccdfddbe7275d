import type { Actor } from '../organizations/commands.js';
import { ForbiddenError } from '../organizations/errors.js';
import { hasRoleAtLeast, type Role } from '../organizations/roles.js';

/**
 * Checks that `actor` may act in organisation `orgId` with at least `minimum` (member for
 * uploads and evergreen funds, org_admin for product selections). Operators (CLI with
 * database access) and super_admins may act in any organisation.
 */
export function assertMayActInOrganization(actor: Actor, orgId: string, minimum: Role): void {
  if (actor.kind === 'operator' || actor.role === 'super_admin') return;
  if (actor.orgId !== orgId || !hasRoleAtLeast(actor.role, minimum)) {
    throw new ForbiddenError(`only a ${minimum} or above of this organisation may do this`);
  }
}

/** Platform data (market series, market configurations) is kept by super_admins and operators. */
export function assertIsPlatformAdministrator(actor: Actor): void {
  if (actor.kind === 'operator' || actor.role === 'super_admin') return;
  throw new ForbiddenError('only a super_admin may change market data and market configurations');
}
