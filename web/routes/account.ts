import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';

/**
 * Account routes: invitation acceptance, password reset, and for org_admins the users and
 * API keys pages. (Being built: see the portal issue.)
 */
export function registerAccountRoutes(_app: FastifyInstance, _ctx: WebContext): void {}
