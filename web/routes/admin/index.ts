/** super_admin area: cross-organisation reads, commands, pages (registered by ../admin.ts). */
export { AccessLogQuery, readAccessLogPage, registerAccessLogPages } from './accessLogPages.js';
export { adminCall, parseInput } from './adminViews.js';
export { checkChain, verifyOrganizationChain, type ChainStatus } from './chainStatus.js';
export { adminPrincipal, organizationDirectory, readAsOrganization, readEachOrganization, type AdminCall, type DirectoryEntry } from './crossTenant.js';
export { EventFeedFilter, readEventFeed, type EventFeedPage, type FeedEvent } from './eventFeed.js';
export { registerEventPages } from './eventPages.js';
export { listMarketSeries, MAX_MARKET_CSV_BYTES, uploadMarketCsv, type MarketSeriesSummary } from './market.js';
export { registerMarketPages } from './marketPages.js';
export { registerOrganizationPages } from './organizationPages.js';
export { createOrganization, listOrganizationSummaries, type OrganizationSummary } from './organizations.js';
export { registerUserPages } from './userPages.js';
export { inviteOrgAdmin, listUsersAcross, type AdminUserView } from './users.js';
