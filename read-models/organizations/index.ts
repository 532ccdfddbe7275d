/** Read models of the organisations projection: table shapes and typed queries. */
export { organizationsTable, organizationTablesDdl, usersTable } from './tables.js';
export { currentOrganization, findUserByEmail, listUsers, type OrganizationView, type UserView } from './queries.js';
