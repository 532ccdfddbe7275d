import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';
import { accountContext } from '../services/organizations.js';
import { registerApiKeySettingsRoutes } from './account/apiKeys.js';
import { registerInvitationRoutes } from './account/invitation.js';
import { registerMachineTokenPages } from './account/machineTokens.js';
import { registerPasswordResetRoutes } from './account/passwordReset.js';
import { registerUserSettingsRoutes } from './account/users.js';

/**
 * Account routes: invitation acceptance and password reset (public, the link is the
 * credential), the users and API keys pages of org_admins, the machine tokens page of
 * super_admins (their JSON API is web/api/accountApi.ts, registered by web/app.ts).
 */
export function registerAccountRoutes(app: FastifyInstance, ctx: WebContext): void {
  const account = accountContext(ctx);
  registerInvitationRoutes(app, account);
  registerPasswordResetRoutes(app, account);
  registerUserSettingsRoutes(app, account);
  registerApiKeySettingsRoutes(app, account);
  registerMachineTokenPages(app, account);
}
