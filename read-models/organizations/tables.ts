import type { ReadModelTable } from '../tableSpec.js';

/** read_models.organizations_v<N>: one row per organisation; tenant_id is the org id. */
export const organizationsTable: ReadModelTable = {
  name: 'organizations',
  key: ['tenant_id'],
  columns: { tenant_id: 'uuid', name: 'text', kind: 'text', created_at: 'timestamptz', last_seq: 'bigint' },
};

/** read_models.users_v<N>: one row per user of an organisation. */
export const usersTable: ReadModelTable = {
  name: 'users',
  key: ['tenant_id', 'user_id'],
  columns: {
    tenant_id: 'uuid',
    user_id: 'uuid',
    email: 'text',
    role: 'text',
    status: 'text',
    password_hash: 'text',
    invited_at: 'timestamptz',
    activated_at: 'timestamptz',
    deactivated_at: 'timestamptz',
    role_changed_at: 'timestamptz',
    last_seq: 'bigint',
  },
};

/** SQL functions (migration 0100) that create a version's tables and switch the views. */
export const organizationTablesDdl = {
  create: 'read_models.create_organization_tables',
  activate: 'read_models.activate_organization_tables',
} as const;

/** read_models.api_keys_v<N>: one row per API key of an organisation; only the key's SHA-256 is kept. */
export const apiKeysTable: ReadModelTable = {
  name: 'api_keys',
  key: ['tenant_id', 'key_id'],
  columns: {
    tenant_id: 'uuid',
    key_id: 'uuid',
    name: 'text',
    role: 'text',
    key_hash: 'text',
    key_prefix: 'text',
    issued_at: 'timestamptz',
    revoked_at: 'timestamptz',
    last_seq: 'bigint',
  },
};

/** read_models.machine_tokens_v<N>: sampler nodes' tokens, all in the platform tenant; hash of the current secret. */
export const machineTokensTable: ReadModelTable = {
  name: 'machine_tokens',
  key: ['tenant_id', 'token_id'],
  columns: {
    tenant_id: 'uuid',
    token_id: 'uuid',
    node_name: 'text',
    scopes: 'jsonb',
    token_hash: 'text',
    issued_at: 'timestamptz',
    rotated_at: 'timestamptz',
    revoked_at: 'timestamptz',
    last_seq: 'bigint',
  },
};

/** SQL functions (migration 0103) of the credentials projection. */
export const credentialTablesDdl = {
  create: 'read_models.create_credential_tables',
  activate: 'read_models.activate_credential_tables',
} as const;
