import { z } from 'zod';
import { defineEvent } from '../events/registry.js';
import { Role } from './roles.js';
import { ApiKeyPrefix, EmailAddress, EntityId, Instant, Label, MachineScope, OrganizationName, PasswordHash, SecretHash } from './values.js';

/** Kind of organisation: the one platform organisation (operators) or a client. */
export const OrganizationKind = z.enum(['platform', 'client']);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

/** Data of OrganizationCreated, schema version 1. The organisation id is its tenant id. */
export const OrganizationCreatedData = z.object({
  orgId: EntityId,
  name: OrganizationName,
  kind: OrganizationKind,
  createdAt: Instant,
});

/** Data of UserInvited, schema version 1. `passwordHash` is set for local accounts only. */
export const UserInvitedData = z.object({
  userId: EntityId,
  email: EmailAddress,
  role: Role,
  invitedAt: Instant,
  passwordHash: PasswordHash.optional(),
});

/** Data of UserActivated, schema version 1. */
export const UserActivatedData = z.object({ userId: EntityId, activatedAt: Instant });

/** Data of UserRoleChanged, schema version 1. */
export const UserRoleChangedData = z.object({ userId: EntityId, from: Role, to: Role, changedAt: Instant });

/** Data of UserDeactivated, schema version 1. */
export const UserDeactivatedData = z.object({ userId: EntityId, deactivatedAt: Instant });

/** Data of UserPasswordSet, schema version 1: an accepted invitation or a password reset. */
export const UserPasswordSetData = z.object({ userId: EntityId, passwordHash: PasswordHash, setAt: Instant });

/**
 * Data of ApiKeyIssued, schema version 1. The key itself was shown once to the issuer; the
 * log keeps its SHA-256 (hex) and its first 12 characters for display.
 */
export const ApiKeyIssuedData = z.object({
  keyId: EntityId,
  name: Label,
  role: Role,
  keyHash: SecretHash,
  keyPrefix: ApiKeyPrefix,
  issuedAt: Instant,
});

/** Data of ApiKeyRevoked, schema version 1. */
export const ApiKeyRevokedData = z.object({ keyId: EntityId, revokedAt: Instant });

/** Data of MachineTokenIssued, schema version 1 (platform organisation stream only). */
export const MachineTokenIssuedData = z.object({
  tokenId: EntityId,
  nodeName: Label,
  scopes: z.array(MachineScope).min(1),
  tokenHash: SecretHash,
  issuedAt: Instant,
});

/** Data of MachineTokenRotated, schema version 1: `tokenHash` replaces the previous one. */
export const MachineTokenRotatedData = z.object({ tokenId: EntityId, tokenHash: SecretHash, rotatedAt: Instant });

/** Data of MachineTokenRevoked, schema version 1. */
export const MachineTokenRevokedData = z.object({ tokenId: EntityId, revokedAt: Instant });

/** Every event of the organisation stream, keyed by type, with the schema of its data. */
export const organizationEventSchemas = {
  OrganizationCreated: OrganizationCreatedData,
  UserInvited: UserInvitedData,
  UserActivated: UserActivatedData,
  UserRoleChanged: UserRoleChangedData,
  UserDeactivated: UserDeactivatedData,
  UserPasswordSet: UserPasswordSetData,
  ApiKeyIssued: ApiKeyIssuedData,
  ApiKeyRevoked: ApiKeyRevokedData,
  MachineTokenIssued: MachineTokenIssuedData,
  MachineTokenRotated: MachineTokenRotatedData,
  MachineTokenRevoked: MachineTokenRevokedData,
} as const;

export type OrganizationEventType = keyof typeof organizationEventSchemas;

/** An event of the organisation stream as the decider sees it: type plus parsed data. */
export type OrganizationEvent = {
  [K in OrganizationEventType]: { readonly type: K; readonly data: z.infer<(typeof organizationEventSchemas)[K]> };
}[OrganizationEventType];

/** Current schema version of every organisation event type. */
export const organizationEventSchemaVersion = 1;

/** Registry definitions of the organisation events, for EventTypeRegistry.register. */
export const organizationEventDefinitions = [
  defineEvent({ type: 'OrganizationCreated', schema: OrganizationCreatedData }),
  defineEvent({ type: 'UserInvited', schema: UserInvitedData }),
  defineEvent({ type: 'UserActivated', schema: UserActivatedData }),
  defineEvent({ type: 'UserRoleChanged', schema: UserRoleChangedData }),
  defineEvent({ type: 'UserDeactivated', schema: UserDeactivatedData }),
  defineEvent({ type: 'UserPasswordSet', schema: UserPasswordSetData }),
  defineEvent({ type: 'ApiKeyIssued', schema: ApiKeyIssuedData }),
  defineEvent({ type: 'ApiKeyRevoked', schema: ApiKeyRevokedData }),
  defineEvent({ type: 'MachineTokenIssued', schema: MachineTokenIssuedData }),
  defineEvent({ type: 'MachineTokenRotated', schema: MachineTokenRotatedData }),
  defineEvent({ type: 'MachineTokenRevoked', schema: MachineTokenRevokedData }),
] as const;

/** Stream id of an organisation: category `org`, id the organisation (tenant) id. */
export function organizationStreamId(orgId: string): string {
  return `org-${orgId}`;
}
