import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';
import { registerAccessLogPages, registerEventPages, registerMarketPages, registerOrganizationPages, registerUserPages } from './admin/index.js';

/**
 * super_admin pages: overview, organisations, users, event log, market series, access log.
 * Every route declares `{ role: 'super_admin' }`; how they read across organisations without
 * leaving forced RLS is explained in admin/crossTenant.ts.
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: WebContext): void {
  registerOrganizationPages(app, ctx);
  registerUserPages(app, ctx);
  registerEventPages(app, ctx);
  registerMarketPages(app, ctx);
  registerAccessLogPages(app, ctx);
}
