import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function submittedToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  if (body !== null && typeof body === 'object' && typeof body._csrf === 'string') return body._csrf;
  // Multipart forms (uploads) carry the token in the action URL: their body is streamed to
  // the handler, after this check. Referrer-Policy: no-referrer keeps it out of Referer.
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?._csrf === 'string' ? query._csrf : undefined;
}

/**
 * CSRF protection for everything a browser can send: the secret lives in a signed, httpOnly
 * cookie; forms carry the token in `_csrf`, scripts in `X-CSRF-Token`. Requests authenticated
 * by a bearer token (API keys, machine tokens) are not cookie-borne and are exempt.
 */
export async function installCsrfProtection(app: FastifyInstance, secureCookies: boolean): Promise<void> {
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'navcast_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' },
    getToken: submittedToken,
  });
  app.addHook('preHandler', (request, reply, done) => {
    const bearer = request.principal?.kind === 'apiKey' || request.principal?.kind === 'machine';
    if (safeMethods.has(request.method) || bearer) return done();
    app.csrfProtection(request, reply, done);
  });
}

/** A CSRF token for a form on the page being rendered (sets the secret cookie when missing). */
export function csrfTokenFor(reply: FastifyReply): string {
  return reply.generateCsrf();
}
