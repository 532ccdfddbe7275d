import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { handleOrganizationCommand } from '../../../commands/organizations/index.js';
import { Role, roleRank } from '../../../domain/organizations/index.js';
import type { EventLog } from '../../../domain/ports/index.js';
import { withTenant } from '../../../read-models/index.js';
import { OidcRefusal } from '../../auth/oidcErrors.js';
import type { OidcIdentity } from '../../auth/oidcIdToken.js';

/**
 * How an OIDC identity becomes a NAVcast user (the mapping rules):
 *
 * 1. Organisation: `custom:org_id` must name an existing organisation, else refused
 *    (oidc_unknown_organization). The provider cannot create organisations.
 * 2. User: that organisation must have a user with the token's `email` (compared after the
 *    usual normalisation), invited beforehand by an org_admin or super_admin; otherwise
 *    refused (oidc_unknown_user). The provider cannot create users. A deactivated user is
 *    refused (oidc_user_deactivated).
 * 3. Activation: an invited user's first OIDC sign-in activates them (ActivateUser, issued
 *    by the user themself, so the log records who and when); no password is ever needed.
 * 4. Subject binding: the first sign-in links the provider's `sub` to the user
 *    (web.oidc_identities). Later sign-ins must come from the same `sub` for that user, and a
 *    `sub` never maps to another user, so a provider account re-created with a former
 *    colleague's address does not inherit their NAVcast account (oidc_subject_mismatch).
 *    When a person's provider account is legitimately re-created, an operator deletes their
 *    row from web.oidc_identities and the next sign-in links the new `sub`.
 * 5. Role: the role recorded in the event log wins, always. `cognito:groups` entries that
 *    name a role (viewer, member, org_admin, super_admin) are compared with it and a
 *    difference is reported (returned, and logged by the route) but changes nothing: a role
 *    change is an auditable event an org_admin or super_admin makes in NAVcast, and a group
 *    edit at the provider must not silently raise (or lower) anyone's rights here.
 */
export interface OidcAccountDependencies {
  /** navcast_app pool (RLS forced). */
  readonly pool: pg.Pool;
  readonly log: EventLog;
  readonly now: () => Date;
  settleProjections(): Promise<void>;
}

/** The NAVcast user an OIDC sign-in maps to. */
export interface OidcAccount {
  readonly orgId: string;
  readonly userId: string;
  /** The role recorded in the log: the one the session gets. */
  readonly role: Role;
  /** True when this sign-in activated an invited user. */
  readonly activated: boolean;
  /** The highest role named by `cognito:groups`, when it differs from `role` (logged, not applied). */
  readonly claimedRoleIgnored: Role | undefined;
}

interface UserRow {
  user_id: string;
  role: string;
  status: string;
}

const ACTIVATION_WAIT_MS = 5000;

/** The highest role that a `cognito:groups` entry names, if any. */
export function roleNamedByGroups(groups: readonly string[]): Role | undefined {
  const named = groups.flatMap((group) => {
    const role = Role.safeParse(group.trim());
    return role.success ? [role.data] : [];
  });
  return named.sort((a, b) => roleRank(b) - roleRank(a))[0];
}

/** Applies the mapping rules above; throws OidcRefusal when the identity may not sign in. */
export async function resolveOidcAccount(deps: OidcAccountDependencies, issuer: string, identity: OidcIdentity): Promise<OidcAccount> {
  const { orgId } = identity;
  const found = await withTenant(deps.pool, orgId, async (db) => {
    const orgs = await db.query('SELECT 1 FROM public.organizations WHERE tenant_id = $1', [orgId]);
    const users = await db.query<UserRow>('SELECT user_id, role, status FROM public.users WHERE tenant_id = $1 AND email = $2', [orgId, identity.email]);
    return { organizationExists: orgs.rowCount === 1, users: users.rows };
  });
  if (!found.organizationExists) throw new OidcRefusal('oidc_unknown_organization', `custom:org_id ${orgId}`);
  const user = found.users.find((u) => u.status !== 'deactivated');
  if (user === undefined) {
    if (found.users.length > 0) throw new OidcRefusal('oidc_user_deactivated', identity.email);
    throw new OidcRefusal('oidc_unknown_user', `${identity.email}: ask an administrator of your organisation to invite you`);
  }
  const role = Role.parse(user.role);
  await bindSubject(deps, issuer, identity, user.user_id);
  let activated = false;
  if (user.status === 'invited') {
    await handleOrganizationCommand(
      deps.log,
      { type: 'ActivateUser', orgId, userId: user.user_id },
      { commandId: randomUUID(), at: deps.now().toISOString(), actor: { kind: 'user', userId: user.user_id, orgId, role } },
    );
    await deps.settleProjections();
    await waitUntilActive(deps.pool, orgId, user.user_id);
    activated = true;
  }
  const claimed = roleNamedByGroups(identity.groups);
  return { orgId, userId: user.user_id, role, activated, claimedRoleIgnored: claimed !== undefined && claimed !== role ? claimed : undefined };
}

/** Rule 4: links `sub` to the user at the first sign-in and refuses any other pairing later. */
async function bindSubject(deps: OidcAccountDependencies, issuer: string, identity: OidcIdentity, userId: string): Promise<void> {
  // web.bind_oidc_subject sees every tenant's bindings (the table is RLS-forced and closed to
  // navcast_app), so a subject bound to a user elsewhere is refused too.
  const { rows } = await deps.pool.query<{ outcome: string }>('SELECT web.bind_oidc_subject($1, $2, $3, $4, $5, $6) AS outcome', [
    issuer,
    identity.subject,
    identity.orgId,
    userId,
    identity.username ?? null,
    deps.now(),
  ]);
  if (rows[0]?.outcome !== 'bound') throw new OidcRefusal('oidc_subject_mismatch', identity.email);
}

/**
 * Sessions resolve only active users of the read model. settleProjections may give up (it
 * only logs after 3 s) or be absent: confirm the activation is visible, else refuse loudly.
 */
async function waitUntilActive(pool: pg.Pool, orgId: string, userId: string): Promise<void> {
  const deadline = Date.now() + ACTIVATION_WAIT_MS;
  for (;;) {
    const { rows } = await withTenant(pool, orgId, (db) => db.query<{ status: string }>('SELECT status FROM public.users WHERE tenant_id = $1 AND user_id = $2', [orgId, userId]));
    if (rows[0]?.status === 'active') return;
    if (Date.now() >= deadline) throw new OidcRefusal('oidc_activation_pending');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
