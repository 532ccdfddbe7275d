import { z } from 'zod';
import { InvitableRole, Role } from './roles.js';
import { EmailAddress, EntityId, Instant, OrganizationName, PasswordHash } from './values.js';

/**
 * Who issues a command. `user` is a signed-in person (their own organisation and role);
 * `operator` is someone running the CLI with database access, trusted like a super_admin.
 */
export const Actor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: EntityId, orgId: EntityId, role: Role }),
  z.object({ kind: z.literal('operator'), name: z.string().min(1) }),
]);
export type Actor = z.infer<typeof Actor>;

/**
 * What every command carries besides its own fields. Time and ids come from here, so
 * that `decide` never reads a clock or a random source.
 */
export const CommandMetadata = z.object({
  commandId: EntityId,
  at: Instant,
  actor: Actor,
  correlationId: EntityId.optional(),
  causationId: EntityId.optional(),
});
export type CommandMetadata = z.infer<typeof CommandMetadata>;

export const CreateOrganization = z.object({
  type: z.literal('CreateOrganization'),
  orgId: EntityId,
  name: OrganizationName,
});

/** Creates the platform organisation together with its first, active super_admin. */
export const BootstrapPlatform = z.object({
  type: z.literal('BootstrapPlatform'),
  orgId: EntityId,
  name: OrganizationName,
  userId: EntityId,
  email: EmailAddress,
  passwordHash: PasswordHash,
});

export const InviteUser = z.object({
  type: z.literal('InviteUser'),
  orgId: EntityId,
  userId: EntityId,
  email: EmailAddress,
  role: InvitableRole,
  passwordHash: PasswordHash.optional(),
});

export const ActivateUser = z.object({ type: z.literal('ActivateUser'), orgId: EntityId, userId: EntityId });

export const ChangeUserRole = z.object({ type: z.literal('ChangeUserRole'), orgId: EntityId, userId: EntityId, role: Role });

export const DeactivateUser = z.object({ type: z.literal('DeactivateUser'), orgId: EntityId, userId: EntityId });

/** Any command on an organisation stream; `orgId` names the stream (`org-<orgId>`). */
export const OrganizationCommand = z.discriminatedUnion('type', [
  CreateOrganization,
  BootstrapPlatform,
  InviteUser,
  ActivateUser,
  ChangeUserRole,
  DeactivateUser,
]);
export type OrganizationCommand = z.infer<typeof OrganizationCommand>;
