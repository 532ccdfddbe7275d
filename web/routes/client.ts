import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';
import { registerDownloadsPage } from './client/downloadsPage.js';
import { registerFundPage } from './client/fundPage.js';
import { registerUploadPage } from './client/uploadPage.js';
import { registerDashboardRoutes } from './dashboard.js';

/** Client pages: dashboard, fund page, upload, downloads. */
export function registerClientRoutes(app: FastifyInstance, ctx: WebContext): void {
  registerDashboardRoutes(app, ctx);
  registerFundPage(app, ctx);
  registerUploadPage(app, ctx);
  registerDownloadsPage(app, ctx);
}
