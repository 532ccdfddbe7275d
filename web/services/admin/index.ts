/** The super_admin area's services: cross-organisation reads (each in its tenant's transaction), commands, the access log. */
export { AccessLogQuery, readAccessLogPage } from './accessLogReads.js';
export { adminCall, adminPrincipal, listDirectory, organizationDirectory, readAsOrganization, readEachOrganization, type AdminCall, type DirectoryEntry } from './crossTenant.js';
export { listMarketSeries, MAX_MARKET_CSV_BYTES, uploadMarketCsv, type MarketSeriesSummary } from './market.js';
export { createOrganization, listOrganizationSummaries, type OrganizationSummary } from './organizations.js';
export { inviteOrgAdmin, listUsersAcross, type AdminUserView } from './users.js';
export { checkChain, verifyOrganizationChain, type ChainStatus } from '../audit/chainStatus.js';
export { EventFeedFilter, readEventFeed, type EventFeedPage, type FeedEvent } from '../audit/eventFeed.js';
