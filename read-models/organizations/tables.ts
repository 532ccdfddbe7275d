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
