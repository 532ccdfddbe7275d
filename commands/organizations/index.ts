/** Write side of organisations and users: the command handler and password hashing. */
export { eventIdFor } from '../commandMetadata.js';
export { handleOrganizationCommand, type CommandOutcome } from './handler.js';
export { assertPasswordPolicy, hashPassword, PasswordPolicyError, verifyPassword } from './passwords.js';
