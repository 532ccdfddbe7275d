import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';

/** JSON API of super_admins. (Being built.) */
export function registerAdminApi(_app: FastifyInstance, _ctx: WebContext): void {}
