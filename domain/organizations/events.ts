import { z } from 'zod';
import { defineEvent } from '../events/registry.js';
import { Role } from './roles.js';
import { EmailAddress, EntityId, Instant, OrganizationName, PasswordHash } from './values.js';

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

/** Every event of the organisation stream, keyed by type, with the schema of its data. */
export const organizationEventSchemas = {
  OrganizationCreated: OrganizationCreatedData,
  UserInvited: UserInvitedData,
  UserActivated: UserActivatedData,
  UserRoleChanged: UserRoleChangedData,
  UserDeactivated: UserDeactivatedData,
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
] as const;

/** Stream id of an organisation: category `org`, id the organisation (tenant) id. */
export function organizationStreamId(orgId: string): string {
  return `org-${orgId}`;
}
