import { organizationEventSchemas, type OrganizationEvent } from '../../domain/organizations/index.js';
import { organizationsTable, organizationTablesDdl, usersTable } from '../../read-models/index.js';
import type { ProjectedEvent, Projection, RowChange } from '../projection.js';

/** The event as an organisation event, or undefined for other domains' and redacted events. */
export function asOrganizationEvent(event: ProjectedEvent): OrganizationEvent | undefined {
  if (!Object.hasOwn(organizationEventSchemas, event.eventType)) return undefined;
  // Redacted payloads carry no data; erasure of read-model rows belongs to the redaction flow.
  if (event.payload === null) return undefined;
  // The feed decodes every payload through the event registry, whose schemas for these
  // types are organizationEventSchemas: parsing again here would only halve rebuild speed.
  return { type: event.eventType, data: event.payload } as OrganizationEvent;
}

function userPatch(event: ProjectedEvent, userId: string, set: Record<string, unknown>): RowChange {
  return { kind: 'patch', table: usersTable, key: { tenant_id: event.tenantId, user_id: userId }, set };
}

/** Organisation events to rows of `organizations` and `users` (credential events go to credentialsProjection). */
export function projectOrganizationEvent(event: ProjectedEvent): RowChange[] {
  const e = asOrganizationEvent(event);
  if (e === undefined) return [];
  switch (e.type) {
    case 'OrganizationCreated':
      return [
        {
          kind: 'upsert',
          table: organizationsTable,
          row: { tenant_id: event.tenantId, name: e.data.name, kind: e.data.kind, created_at: e.data.createdAt },
        },
      ];
    case 'UserInvited':
      return [
        {
          kind: 'upsert',
          table: usersTable,
          row: {
            tenant_id: event.tenantId,
            user_id: e.data.userId,
            email: e.data.email,
            role: e.data.role,
            status: 'invited',
            password_hash: e.data.passwordHash ?? null,
            invited_at: e.data.invitedAt,
            activated_at: null,
            deactivated_at: null,
            role_changed_at: null,
          },
        },
      ];
    case 'UserActivated':
      return [userPatch(event, e.data.userId, { status: 'active', activated_at: e.data.activatedAt })];
    case 'UserRoleChanged':
      return [userPatch(event, e.data.userId, { role: e.data.to, role_changed_at: e.data.changedAt })];
    case 'UserDeactivated':
      return [userPatch(event, e.data.userId, { status: 'deactivated', deactivated_at: e.data.deactivatedAt })];
    case 'UserPasswordSet':
      return [userPatch(event, e.data.userId, { password_hash: e.data.passwordHash })];
    case 'ApiKeyIssued':
    case 'ApiKeyRevoked':
    case 'MachineTokenIssued':
    case 'MachineTokenRotated':
    case 'MachineTokenRevoked':
      return [];
  }
}

/** The organisations projection, version 1: tables organizations_v1 and users_v1. */
export const organizationsProjection: Projection = {
  name: 'organizations',
  version: 1,
  tables: [organizationsTable, usersTable],
  ddl: organizationTablesDdl,
  project: projectOrganizationEvent,
};
