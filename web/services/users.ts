/**
 * Users of the principal's organisation: the list, invitations (with their single-use link),
 * role changes and deactivation (which ends every session of the user).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { hasRoleAtLeast, type InvitableRole, roles, type Role } from '../../domain/organizations/index.js';
import { listUsers as listUserRows, withTenant, type UserView } from '../../read-models/index.js';
import { actorOf, type TenantPrincipal } from '../auth/principal.js';
import { accountTokenPath, queueMail, type AccountTokenHolder } from './auth/tokens.js';
import { type AccountContext, runOrganizationCommand } from './organizations.js';
import { readAsTenant } from './tenantData.js';

export type { UserView };

/** Roles this principal may hand out in its own organisation (never above its own). */
export function grantableRoles(principal: TenantPrincipal, organizationKind: string): Role[] {
  return roles.filter((r) => hasRoleAtLeast(principal.role, r) && (r !== 'super_admin' || organizationKind === 'platform'));
}

/**
 * Invites a user (no password: they choose one through the link) and creates the invitation
 * link. Returns the new user's id and the link's path, to be shown once.
 */
export async function inviteUser(account: AccountContext, principal: TenantPrincipal, email: string, role: z.infer<typeof InvitableRole>): Promise<{ userId: string; path: string }> {
  const userId = randomUUID();
  await runOrganizationCommand(account.ctx, actorOf(principal), { type: 'InviteUser', orgId: principal.orgId, userId, email, role });
  const token = await readAsTenant(account.ctx.pool, principal, (db) => account.tokens.issue(db, { tenantId: principal.orgId, userId }, 'invitation'));
  return { userId, path: accountTokenPath('invitation', token) };
}

/** The users of the principal's organisation. */
export function listUsers(account: AccountContext, principal: TenantPrincipal): Promise<UserView[]> {
  return readAsTenant(account.ctx.pool, principal, (db) => listUserRows(db));
}

/** Changes a user's role in the principal's organisation. */
export async function changeUserRole(account: AccountContext, principal: TenantPrincipal, userId: string, role: Role): Promise<void> {
  await runOrganizationCommand(account.ctx, actorOf(principal), { type: 'ChangeUserRole', orgId: principal.orgId, userId, role });
  // The new role applies at the user's next request, not when this process's memory of the session runs out.
  account.ctx.sessions.forgetUser(principal.orgId, userId);
}

/** Deactivates a user of the principal's organisation and ends every session of theirs. */
export async function deactivateUser(account: AccountContext, principal: TenantPrincipal, userId: string): Promise<void> {
  await runOrganizationCommand(account.ctx, actorOf(principal), { type: 'DeactivateUser', orgId: principal.orgId, userId });
  await account.ctx.sessions.endAllOf(principal.orgId, userId);
}

/**
 * Mails a single-use reset link (through web.mail_outbox) to every active account with the
 * address; nothing for an address without one (the page says the same either way).
 */
export async function mailPasswordResetLinks(account: AccountContext, email: string): Promise<void> {
  const { ctx, tokens } = account;
  const { rows } = await ctx.pool.query<{ tenant_id: string; user_id: string; organization_name: string }>('SELECT * FROM web.password_reset_candidates($1)', [email]);
  for (const candidate of rows) {
    await withTenant(ctx.pool, candidate.tenant_id, async (db) => {
      const token = await tokens.issue(db, { tenantId: candidate.tenant_id, userId: candidate.user_id }, 'password_reset');
      const body = `Someone asked to reset the password of your NAVcast account at ${candidate.organization_name}.\n\nOpen ${ctx.publicUrl ?? ''}${accountTokenPath('password_reset', token)}${ctx.publicUrl === undefined ? ' on the NAVcast portal' : ''} within an hour to choose a new one. If it was not you, ignore this mail.`;
      await queueMail(db, { tenantId: candidate.tenant_id, to: email, subject: 'Reset your NAVcast password', body, at: ctx.now() });
    });
  }
}

/** Sets the password of a redeemed reset link's holder, then ends every session of the account. */
export async function setPasswordFromLink(account: AccountContext, holder: AccountTokenHolder, passwordHash: string): Promise<void> {
  const actor = { kind: 'user' as const, userId: holder.userId, orgId: holder.tenantId, role: holder.role };
  await runOrganizationCommand(account.ctx, actor, { type: 'SetUserPassword', orgId: holder.tenantId, userId: holder.userId, passwordHash });
  // Whoever knew the old password (or held a session) is signed out everywhere.
  await account.ctx.sessions.endAllOf(holder.tenantId, holder.userId);
}
