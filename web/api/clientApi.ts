import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';

/** JSON API of client organisations: funds, versions, uploads, downloads. (Being built.) */
export function registerClientApi(_app: FastifyInstance, _ctx: WebContext): void {}
