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
  findUpload,
  listFundDataVersions,
  listFundIdentities,
  listUploads,
  resolveFundIdentity,
  type FundDataVersionView,
  type FundIdentityView,
  type MarketSeriesView,
  type UploadView,
} from './queries.js';
export {
  fundAliasesQuery,
  fundDataVersionQuery,
  fundPageQuery,
  fundSummaryQuery,
  fundVersionSummariesQuery,
  latestNavsQuery,
  type FundAliasView,
  type FundListPosition,
  type FundPage,
  type FundSummaryView,
  type FundVersionSummaryView,
} from './portalReads.js';
export type { Uploader } from './uploaders.js';
