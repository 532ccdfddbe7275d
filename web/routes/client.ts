import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';
import { registerDashboardRoutes } from './dashboard.js';

/** Client pages: dashboard, fund page, upload, downloads. */
export function registerClientRoutes(app: FastifyInstance, ctx: WebContext): void {
  registerDashboardRoutes(app, { pool: ctx.pool });
}
