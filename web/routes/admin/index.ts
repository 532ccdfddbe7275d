/** super_admin pages (registered by ../admin.ts); their reads and commands are web/services/admin. */
export { registerAccessLogPages } from './accessLogPages.js';
export { parseInput } from './adminViews.js';
export { registerEventPages } from './eventPages.js';
export { registerMarketPages } from './marketPages.js';
export { registerOrganizationPages } from './organizationPages.js';
export { registerUserPages } from './userPages.js';
