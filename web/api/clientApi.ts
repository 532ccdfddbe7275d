import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';
import { registerFundsApi } from './client/fundsApi.js';
import { registerUploadsApi } from './client/uploadsApi.js';

/** JSON API of client organisations: funds, versions, uploads, the template. */
export function registerClientApi(app: FastifyInstance, ctx: WebContext): void {
  registerFundsApi(app, ctx);
  registerUploadsApi(app, ctx);
}
