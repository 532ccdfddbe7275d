import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';

/** super_admin pages: organisations, users, event log, market series, access log. (Being built.) */
export function registerAdminRoutes(_app: FastifyInstance, _ctx: WebContext): void {}
