import type { ReadModelTable } from '../tableSpec.js';

const table = (name: string, key: string[], columns: Record<string, string>): ReadModelTable => ({
  name,
  key: ['tenant_id', ...key],
  columns: { tenant_id: 'uuid', ...columns, last_seq: 'bigint' },
});

/** read_models.uploads_v<N>: one row per accepted workbook. */
export const uploadsTable = table('uploads', ['upload_id'], {
  upload_id: 'uuid',
  file_identity_hash: 'text',
  filename: 'text',
  blob_key: 'text',
  sha256: 'text',
  size_bytes: 'bigint',
  source: 'text',
  fund_count: 'integer',
  uploaded_at: 'timestamptz',
});

/** read_models.fund_identities_v<N>: one row per fund identity. */
export const fundIdentitiesTable = table('fund_identities', ['fund_identity_hash'], {
  fund_identity_hash: 'text',
  fund_name: 'text',
  filename: 'text',
  file_identity_hash: 'text',
  registered_at: 'timestamptz',
});

/** read_models.fund_identity_aliases_v<N>: old identity -> new identity; `active` false once renamed back. */
export const fundIdentityAliasesTable = table('fund_identity_aliases', ['old_identity_hash'], {
  old_identity_hash: 'text',
  new_identity_hash: 'text',
  fund_name: 'text',
  renamed_at: 'timestamptz',
  active: 'boolean',
});

/** read_models.fund_data_versions_v<N>: every data version with its parsed series (`data`, FundData JSON). */
export const fundDataVersionsTable = table('fund_data_versions', ['fund_identity_hash', 'version'], {
  fund_identity_hash: 'text',
  version: 'integer',
  data_hash: 'text',
  fund_name: 'text',
  upload_id: 'uuid',
  currency: 'text',
  commitment: 'double precision',
  vintage: 'integer',
  strategy: 'text',
  data: 'jsonb',
  recorded_at: 'timestamptz',
});

/** read_models.evergreen_funds_v<N>. */
export const evergreenFundsTable = table('evergreen_funds', ['evergreen_identity_hash'], {
  evergreen_identity_hash: 'text',
  name: 'text',
  member_count: 'integer',
  defined_at: 'timestamptz',
  changed_at: 'timestamptz',
});

/** read_models.evergreen_fund_members_v<N>: members ever included; `active` false once removed. */
export const evergreenFundMembersTable = table('evergreen_fund_members', ['evergreen_identity_hash', 'fund_identity_hash'], {
  evergreen_identity_hash: 'text',
  fund_identity_hash: 'text',
  active: 'boolean',
  since: 'timestamptz',
});

const marketConfigColumns = { fund_identity_hash: 'text', revision: 'integer', config: 'jsonb', config_hash: 'text', set_at: 'timestamptz' };

/** read_models.market_configs_v<N>: each fund's current market configuration. */
export const marketConfigsTable = table('market_configs', ['fund_identity_hash'], marketConfigColumns);

/** read_models.market_config_history_v<N>: every revision. */
export const marketConfigHistoryTable = table('market_config_history', ['fund_identity_hash', 'revision'], marketConfigColumns);

/** read_models.product_selections_v<N>: per fund and product, selected or not. */
export const productSelectionsTable = table('product_selections', ['fund_identity_hash', 'product'], {
  fund_identity_hash: 'text',
  product: 'text',
  selected: 'boolean',
  changed_at: 'timestamptz',
});

/** read_models.market_series_v<N> (platform tenant, readable by all): each series' last upload. */
export const marketSeriesTable = table('market_series', ['series_id'], {
  series_id: 'text',
  revision: 'integer',
  data_hash: 'text',
  point_count: 'integer',
  first_date: 'date',
  last_date: 'date',
  points: 'jsonb',
  uploaded_at: 'timestamptz',
});

/** SQL functions (migration 0102) of the funds and market projections. */
export const fundTablesDdl = { create: 'read_models.create_fund_tables', activate: 'read_models.activate_fund_tables' } as const;
export const marketTablesDdl = { create: 'read_models.create_market_tables', activate: 'read_models.activate_market_tables' } as const;
