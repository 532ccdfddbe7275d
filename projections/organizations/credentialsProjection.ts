import { apiKeysTable, credentialTablesDdl, machineTokensTable } from '../../read-models/index.js';
import type { ProjectedEvent, Projection, RowChange } from '../projection.js';
import { asOrganizationEvent } from './organizationsProjection.js';

/** API key and machine token events to rows of `api_keys` and `machine_tokens` (hashes only). */
export function projectCredentialEvent(event: ProjectedEvent): RowChange[] {
  const e = asOrganizationEvent(event);
  if (e === undefined) return [];
  const tenantId = event.tenantId;
  switch (e.type) {
    case 'ApiKeyIssued': {
      const { keyId, name, role, keyHash, keyPrefix, issuedAt } = e.data;
      const row = { tenant_id: tenantId, key_id: keyId, name, role, key_hash: keyHash, key_prefix: keyPrefix, issued_at: issuedAt, revoked_at: null };
      return [{ kind: 'upsert', table: apiKeysTable, row }];
    }
    case 'ApiKeyRevoked':
      return [{ kind: 'patch', table: apiKeysTable, key: { tenant_id: tenantId, key_id: e.data.keyId }, set: { revoked_at: e.data.revokedAt } }];
    case 'MachineTokenIssued': {
      const { tokenId, nodeName, scopes, tokenHash, issuedAt } = e.data;
      const row = { tenant_id: tenantId, token_id: tokenId, node_name: nodeName, scopes, token_hash: tokenHash, issued_at: issuedAt, rotated_at: null, revoked_at: null };
      return [{ kind: 'upsert', table: machineTokensTable, row }];
    }
    case 'MachineTokenRotated': {
      const set = { token_hash: e.data.tokenHash, rotated_at: e.data.rotatedAt };
      return [{ kind: 'patch', table: machineTokensTable, key: { tenant_id: tenantId, token_id: e.data.tokenId }, set }];
    }
    case 'MachineTokenRevoked':
      return [{ kind: 'patch', table: machineTokensTable, key: { tenant_id: tenantId, token_id: e.data.tokenId }, set: { revoked_at: e.data.revokedAt } }];
    default:
      return [];
  }
}

/** The credentials projection, version 1: tables api_keys_v1 and machine_tokens_v1 (migration 0103). */
export const credentialsProjection: Projection = {
  name: 'credentials',
  version: 1,
  tables: [apiKeysTable, machineTokensTable],
  ddl: credentialTablesDdl,
  project: projectCredentialEvent,
};
