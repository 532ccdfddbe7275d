/** Password hashing and the password policy, as the sign-in, setup and password pages use them (commands/organizations owns them). */
export { assertPasswordPolicy, hashPassword, PasswordPolicyError, verifyPassword } from '../../../commands/organizations/index.js';
