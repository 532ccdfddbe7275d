import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The `_csrf` field of a multipart form, read by readFormFile before the file part. */
const formToken = Symbol('navcast.csrf.formToken');
/** Set on a multipart form request whose check waits for its `_csrf` field. */
const deferred = Symbol('navcast.csrf.deferred');
type CsrfRequest = FastifyRequest & { [formToken]?: string; [deferred]?: boolean };

/** Where a token may be: the X-CSRF-Token header, a form's `_csrf` field. Never the URL (it would land in history and logs). */
function submittedToken(request: CsrfRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  if (request[formToken] !== undefined) return request[formToken];
  const body = request.body as Record<string, unknown> | undefined;
  if (body !== null && typeof body === 'object' && typeof body._csrf === 'string') return body._csrf;
  return undefined;
}

/**
 * Routes that take multipart forms from pages declare `config.csrf: 'form-field'`: their body
 * is streamed to the handler after the preHandler check, so the check is deferred to
 * `checkFormToken`, which the handler must call with the form's `_csrf` field before it reads
 * the file (readFormFile in web/routes/multipartForm.ts does). A handler that never calls it
 * cannot succeed: `assertFormTokenChecked` is asserted when the file is read.
 */
export async function checkFormToken(request: FastifyRequest, reply: FastifyReply | undefined, token: string | undefined): Promise<void> {
  const r = request as CsrfRequest;
  if (r[deferred] !== true) return; // checked already (X-CSRF-Token header, or a bearer token)
  if (reply === undefined) throw new Error(`${request.url}: a deferred CSRF check needs the reply`);
  r[formToken] = token ?? '';
  await new Promise<void>((resolve, reject) => {
    // csrfProtection answers a failure itself through reply.send(error): turn that into a rejection.
    const answer = { unsignCookie: (value: string) => reply.unsignCookie(value), send: (error: Error) => reject(error) } as unknown as FastifyReply;
    request.server.csrfProtection(request, answer, () => resolve());
  });
  r[deferred] = false;
}

/** Throws unless a deferred check has passed (a multipart route that forgot checkFormToken). */
export function assertFormTokenChecked(request: FastifyRequest): void {
  if ((request as CsrfRequest)[deferred] === true) throw new Error(`${request.url}: a multipart form was read before its CSRF token was checked`);
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
    const formField = (request.routeOptions.config as { csrf?: string } | undefined)?.csrf === 'form-field';
    if (formField && request.isMultipart() && request.headers['x-csrf-token'] === undefined) {
      (request as CsrfRequest)[deferred] = true;
      return done();
    }
    app.csrfProtection(request, reply, done);
  });
}

/** A CSRF token for a form on the page being rendered (sets the secret cookie when missing). */
export function csrfTokenFor(reply: FastifyReply): string {
  return reply.generateCsrf();
}
