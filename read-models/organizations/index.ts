/** Read models of the organisations and credentials projections: table shapes and typed queries. */
export { apiKeysTable, credentialTablesDdl, machineTokensTable, organizationsTable, organizationTablesDdl, usersTable } from './tables.js';
export { currentOrganization, findUserByEmail, listUsers, type OrganizationView, type UserView } from './queries.js';
export { listApiKeys, listMachineTokens, type ApiKeyView, type MachineTokenView } from './credentialQueries.js';
