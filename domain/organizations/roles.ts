import { z } from 'zod';

/**
 * Roles in increasing order of power. `super_admin` exists only in the platform
 * organisation; client organisations use the first three.
 */
export const roles = ['viewer', 'member', 'org_admin', 'super_admin'] as const;

export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Roles a client organisation may hand out through an invitation. */
export const InvitableRole = z.enum(['viewer', 'member', 'org_admin']);
export type InvitableRole = z.infer<typeof InvitableRole>;

/** Position of a role in the order viewer < member < org_admin < super_admin. */
export function roleRank(role: Role): number {
  return roles.indexOf(role);
}

/** True when `role` is at least as powerful as `minimum`. */
export function hasRoleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}
