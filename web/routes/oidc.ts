import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';
import { html, type SafeHtml } from '../views/html.js';

/** OIDC sign-in routes (authorization code with PKCE). (Being built.) */
export function registerOidcRoutes(_app: FastifyInstance, _ctx: WebContext): void {}

/** The sign-in option shown under the password form when OIDC is configured. */
export function oidcLoginOption(ctx: WebContext): SafeHtml | undefined {
  return ctx.oidc === undefined ? undefined : html``;
}
