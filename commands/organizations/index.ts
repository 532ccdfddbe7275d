/** Write side of organisations and users: the command handler and password hashing. */
export { eventIdFor } from '../commandMetadata.js';
export type { CommandOutcome } from '../handleCommand.js';
export { handleOrganizationCommand } from './handler.js';
export { assertPasswordPolicy, hashPassword, PasswordPolicyError, verifyPassword } from './passwords.js';
