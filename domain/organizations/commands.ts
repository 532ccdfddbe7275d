import { z } from 'zod';
import { InvitableRole, Role } from './roles.js';
import { ApiKeyPrefix, EmailAddress, EntityId, Instant, Label, MachineScope, OrganizationName, PasswordHash, SecretHash } from './values.js';

/**
 * Who issues a command. `user` is a signed-in person (their own organisation and role);
 * `apiKey` is an integration calling the JSON API with an organisation's key (the key's role);
 * `operator` is someone running the CLI with database access, trusted like a super_admin.
 */
export const Actor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: EntityId, orgId: EntityId, role: Role }),
  z.object({ kind: z.literal('apiKey'), keyId: EntityId, orgId: EntityId, role: Role }),
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

/** A user sets a new password (after a reset link); only the user themselves or an operator. */
export const SetUserPassword = z.object({ type: z.literal('SetUserPassword'), orgId: EntityId, userId: EntityId, passwordHash: PasswordHash });

/** An invited user accepts with a chosen password: password set, then active. */
export const AcceptInvitation = z.object({ type: z.literal('AcceptInvitation'), orgId: EntityId, userId: EntityId, passwordHash: PasswordHash });

/** An org_admin issues an API key; only its SHA-256 and display prefix enter the log. */
export const IssueApiKey = z.object({
  type: z.literal('IssueApiKey'),
  orgId: EntityId,
  keyId: EntityId,
  name: Label,
  role: Role,
  keyHash: SecretHash,
  keyPrefix: ApiKeyPrefix,
});

export const RevokeApiKey = z.object({ type: z.literal('RevokeApiKey'), orgId: EntityId, keyId: EntityId });

/** A super_admin issues a sampler node's machine token (platform organisation only). */
export const IssueMachineToken = z.object({
  type: z.literal('IssueMachineToken'),
  orgId: EntityId,
  tokenId: EntityId,
  nodeName: Label,
  scopes: z.array(MachineScope).min(1).max(20),
  tokenHash: SecretHash,
});

/** Replaces a machine token's secret: the old one stops working at once. */
export const RotateMachineToken = z.object({ type: z.literal('RotateMachineToken'), orgId: EntityId, tokenId: EntityId, tokenHash: SecretHash });

export const RevokeMachineToken = z.object({ type: z.literal('RevokeMachineToken'), orgId: EntityId, tokenId: EntityId });

/** Any command on an organisation stream; `orgId` names the stream (`org-<orgId>`). */
export const OrganizationCommand = z.discriminatedUnion('type', [
  CreateOrganization,
  BootstrapPlatform,
  InviteUser,
  ActivateUser,
  ChangeUserRole,
  DeactivateUser,
  SetUserPassword,
  AcceptInvitation,
  IssueApiKey,
  RevokeApiKey,
  IssueMachineToken,
  RotateMachineToken,
  RevokeMachineToken,
]);
export type OrganizationCommand = z.infer<typeof OrganizationCommand>;
