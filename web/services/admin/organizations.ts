import { randomUUID } from 'node:crypto';
import { handleOrganizationCommand } from '../../../commands/organizations/index.js';
import { OrganizationNameTakenError, organizationNameKey } from '../../../domain/organizations/index.js';
import type { WebContext } from '../../context.js';
import { organizationDirectory, readEachOrganization, recordAdminRead, adminCommandMeta, type AdminCall, type DirectoryEntry } from './crossTenant.js';

/** An organisation as the admin list shows it. */
export interface OrganizationSummary extends DirectoryEntry {
  /** Users in any status; active ones; org_admins not deactivated. */
  readonly users: number;
  readonly activeUsers: number;
  readonly orgAdmins: number;
  /** Fund identities (a renamed fund counts once). */
  readonly funds: number;
  /** Events in the organisation's log (its last tenant_seq). */
  readonly events: number;
}

interface CountsRow {
  users: string;
  active_users: string;
  org_admins: string;
  funds: string;
  events: string | null;
}

/**
 * Every organisation with its user and fund counts: the directory, then one tenant-scoped
 * transaction per organisation (see crossTenant.ts). Recorded as one `list` access.
 */
export async function listOrganizationSummaries(call: AdminCall): Promise<OrganizationSummary[]> {
  const orgs = await organizationDirectory(call.pool, call.reader);
  const summaries = await readEachOrganization(call.pool, call.reader, orgs, async (db, org) => {
    const { rows } = await db.query<CountsRow>(
      `SELECT (SELECT count(*) FROM users) AS users,
              (SELECT count(*) FROM users WHERE status = 'active') AS active_users,
              (SELECT count(*) FROM users WHERE role = 'org_admin' AND status <> 'deactivated') AS org_admins,
              (SELECT count(*) FROM fund_identities) AS funds,
              (SELECT last_seq FROM tenant_log_head) AS events`,
    );
    const r = rows[0];
    return { ...org, users: Number(r.users), activeUsers: Number(r.active_users), orgAdmins: Number(r.org_admins), funds: Number(r.funds), events: Number(r.events ?? 0) };
  });
  await recordAdminRead(call, { tenantId: null, action: 'list', resourceType: 'organization' });
  return summaries;
}

/**
 * Creates a client organisation as the signed-in super_admin (CreateOrganization on a new
 * `org-<id>` stream) and waits for the projections, so the list shows it at once.
 */
export async function createOrganization(ctx: WebContext, call: AdminCall, name: string): Promise<{ orgId: string; eventIds: readonly string[] }> {
  const taken = (await organizationDirectory(call.pool, call.reader)).find((org) => organizationNameKey(org.name) === organizationNameKey(name));
  if (taken !== undefined) throw new OrganizationNameTakenError(taken.name);
  const orgId = randomUUID();
  const outcome = await handleOrganizationCommand(ctx.log, { type: 'CreateOrganization', orgId, name }, adminCommandMeta(ctx, call));
  await ctx.settleProjections();
  return { orgId, eventIds: outcome.eventIds };
}
