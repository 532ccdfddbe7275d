import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { handleOrganizationCommand, hashPassword } from '../../commands/organizations/index.js';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import {
  EmailAddress,
  InvitableRole,
  OrganizationNameTakenError,
  organizationNameKey,
  organizationStreamId,
  PlatformNotBootstrappedError,
  type CommandMetadata,
  type OrganizationCommand,
} from '../../domain/organizations/index.js';
import { withTenant } from '../../read-models/index.js';
import { AccountTokens, accountTokenPath } from '../../web/services/auth/tokens.js';
import { openLog } from '../platform.js';
import { UsageError } from './args.js';

/** The platform organisation's display name. */
const platformName = 'NAVcast platform';

function normalizedEmail(email: string): string {
  const parsed = EmailAddress.safeParse(email);
  if (!parsed.success) throw new UsageError(`--email ${email} is not an e-mail address`);
  return parsed.data;
}

function operatorMeta(): CommandMetadata {
  return { commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: `cli:${userInfo().username}` } };
}

async function run(url: string, command: OrganizationCommand): Promise<void> {
  const access = openLog(url, 2);
  try {
    await handleOrganizationCommand(access.log, command, operatorMeta());
  } finally {
    await access.close();
  }
}

/** `admin bootstrap`: the platform organisation and its first, active super_admin (once). */
export async function bootstrapPlatform(url: string, email: string, password: string): Promise<object> {
  normalizedEmail(email);
  const userId = randomUUID();
  const passwordHash = await hashPassword(password);
  await run(url, { type: 'BootstrapPlatform', orgId: PLATFORM_TENANT_ID, name: platformName, userId, email, passwordHash });
  return { orgId: PLATFORM_TENANT_ID, userId, email: normalizedEmail(email), role: 'super_admin' };
}

/**
 * `org create`: a client organisation with a new id. Refused before `admin bootstrap` (a
 * client organisation nobody can administer) and when another organisation has the name
 * (trimmed, ignoring case), checked against the projected organisations.
 */
export async function createOrganization(url: string, name: string): Promise<object> {
  const access = openLog(url, 2);
  try {
    const platform = await access.log.readStream(PLATFORM_TENANT_ID, organizationStreamId(PLATFORM_TENANT_ID));
    if (platform.currentVersion < 0) throw new PlatformNotBootstrappedError();
    const { rows } = await access.pool.query<{ name: string }>('SELECT name FROM public.organizations WHERE lower(btrim(name)) = $1 LIMIT 1', [organizationNameKey(name)]);
    if (rows[0] !== undefined) throw new OrganizationNameTakenError(rows[0].name);
  } finally {
    await access.close();
  }
  const orgId = randomUUID();
  await run(url, { type: 'CreateOrganization', orgId, name });
  return { orgId, name: name.trim() };
}

/**
 * `user invite`: a user of an organisation, optionally with a local password. Without one,
 * the output carries the path of a single-use invitation link (valid 7 days) where the
 * person chooses their password; it is printed once and stored only as a hash.
 */
export async function inviteUser(url: string, orgId: string, email: string, role: string, password: string | undefined): Promise<object> {
  const parsedRole = InvitableRole.safeParse(role);
  if (!parsedRole.success) throw new UsageError(`--role must be one of ${InvitableRole.options.join(', ')}`);
  normalizedEmail(email);
  const userId = randomUUID();
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  const command: OrganizationCommand = { type: 'InviteUser', orgId, userId, email, role: parsedRole.data };
  await run(url, passwordHash === undefined ? command : { ...command, passwordHash });
  const invited = { orgId, userId, email: normalizedEmail(email), role: parsedRole.data };
  if (passwordHash !== undefined) return invited;
  const access = openLog(url, 1);
  try {
    const tokens = new AccountTokens(access.pool, () => new Date());
    const token = await withTenant(access.pool, orgId, (db) => tokens.issue(db, { tenantId: orgId, userId }, 'invitation'));
    return { ...invited, invitationPath: accountTokenPath('invitation', token) };
  } finally {
    await access.close();
  }
}
