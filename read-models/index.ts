/** Read models: tenant-scoped transactions, table shapes and typed queries. */
export { parseRows, ReadModelRowError, withTenant, type Queryable } from './tenantTransaction.js';
export { physicalTableName, type ReadModelTable } from './tableSpec.js';
export {
  currentOrganization,
  findUserByEmail,
  listUsers,
  organizationsTable,
  organizationTablesDdl,
  usersTable,
  type OrganizationView,
  type UserView,
} from './organizations/index.js';
export {
  evergreenFundMembersTable,
  evergreenFundsTable,
  findMarketSeries,
  fundDataVersionsTable,
  fundIdentitiesTable,
  fundIdentityAliasesTable,
  fundTablesDdl,
  listFundDataVersions,
  listFundIdentities,
  marketConfigHistoryTable,
  marketConfigsTable,
  marketSeriesTable,
  marketTablesDdl,
  productSelectionsTable,
  resolveFundIdentity,
  uploadsTable,
  type FundDataVersionView,
  type FundIdentityView,
  type MarketSeriesView,
} from './funds/index.js';
