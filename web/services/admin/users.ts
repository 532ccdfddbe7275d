import { randomUUID } from 'node:crypto';
import { handleOrganizationCommand } from '../../../commands/organizations/index.js';
import { listUsers } from '../../../read-models/index.js';
import type { WebContext } from '../../context.js';
import { accountTokenPath, AccountTokens } from '../auth/tokens.js';
import { findInDirectory, organizationDirectory, readAsOrganization, readEachOrganization, recordAdminRead, adminCommandMeta, type AdminCall } from './crossTenant.js';

/** A user as the cross-organisation list shows it (never the password hash). */
export interface AdminUserView {
  readonly orgId: string;
  readonly organizationName: string;
  readonly userId: string;
  readonly email: string;
  readonly role: string;
  readonly status: 'invited' | 'active' | 'deactivated';
  readonly invitedAt: string;
  readonly activatedAt: string | null;
}

/**
 * Users of every organisation (or of `orgId` only), by organisation name then e-mail, each
 * organisation read in its own tenant transaction. Recorded as one `list` access.
 */
export async function listUsersAcross(call: AdminCall, filter: { orgId?: string } = {}): Promise<AdminUserView[]> {
  const directory = await organizationDirectory(call.pool, call.reader);
  const orgs = filter.orgId === undefined ? directory : [findInDirectory(directory, filter.orgId)];
  const perOrg = await readEachOrganization(call.pool, call.reader, orgs, async (db, org) =>
    (await listUsers(db)).map((u) => ({
      orgId: org.orgId,
      organizationName: org.name,
      userId: u.userId,
      email: u.email,
      role: u.role,
      status: u.status,
      invitedAt: u.invitedAt.toISOString(),
      activatedAt: u.activatedAt?.toISOString() ?? null,
    })),
  );
  await recordAdminRead(call, { tenantId: filter.orgId ?? null, action: 'list', resourceType: 'user' });
  return perOrg.flat();
}

/**
 * Invites an org_admin into an organisation as the signed-in super_admin (InviteUser, no
 * password) and issues the single-use invitation link (web/auth/tokens.ts) in a transaction
 * whose tenant is that organisation. Returns the user's id and the link's path, to be shown
 * once: only its hash is stored.
 */
export async function inviteOrgAdmin(ctx: WebContext, call: AdminCall, orgId: string, email: string): Promise<{ userId: string; invitationPath: string }> {
  findInDirectory(await organizationDirectory(call.pool, call.reader), orgId);
  const userId = randomUUID();
  await handleOrganizationCommand(ctx.log, { type: 'InviteUser', orgId, userId, email, role: 'org_admin' }, adminCommandMeta(ctx, call));
  await ctx.settleProjections();
  const tokens = new AccountTokens(ctx.pool, ctx.now);
  const token = await readAsOrganization(call.pool, call.reader, orgId, (db) => tokens.issue(db, { tenantId: orgId, userId }, 'invitation'));
  return { userId, invitationPath: accountTokenPath('invitation', token) };
}
