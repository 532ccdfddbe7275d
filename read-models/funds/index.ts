/** Read models of the funds and market projections: table shapes and typed queries. */
export {
  evergreenFundMembersTable,
  evergreenFundsTable,
  fundDataVersionsTable,
  fundIdentitiesTable,
  fundIdentityAliasesTable,
  fundTablesDdl,
  marketConfigHistoryTable,
  marketConfigsTable,
  marketSeriesTable,
  marketTablesDdl,
  productSelectionsTable,
  uploadsTable,
} from './tables.js';
export {
  findMarketSeries,
  listFundDataVersions,
  listFundIdentities,
  resolveFundIdentity,
  type FundDataVersionView,
  type FundIdentityView,
  type MarketSeriesView,
} from './queries.js';
