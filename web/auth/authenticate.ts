import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, toProblem, HttpProblem } from '../problems.js';
import { checkAccess, isApiPath, type AccessRefusal } from './access.js';
import type { ApiKeyPrincipal, MachinePrincipal, Principal } from './principal.js';
import type { SessionStore } from '../services/auth/sessions.js';

/** Name of the signed cookie that carries the session id. */
export const SESSION_COOKIE = 'navcast_session';

/** Resolvers for `Authorization: Bearer` tokens, by prefix; each returns undefined for an unknown token. */
export interface BearerResolvers {
  /** `sk_live_...` keys of organisations (JSON API only). */
  readonly apiKey?: (token: string) => Promise<ApiKeyPrincipal | undefined>;
  /** `mt_...` tokens of sampler nodes. */
  readonly machine?: (token: string) => Promise<MachinePrincipal | undefined>;
}

async function fromBearer(request: FastifyRequest, header: string, resolvers: BearerResolvers): Promise<Principal> {
  const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(header);
  if (match === null) throw new HttpProblem(401, 'invalid_authorization', 'the Authorization header must be "Bearer <token>"');
  if (!isApiPath(request.url)) throw new HttpProblem(401, 'bearer_on_page', 'API keys and machine tokens work on the JSON API (/api/...) only');
  const token = match[1];
  const resolve = token.startsWith('sk_live_') ? resolvers.apiKey : token.startsWith('mt_') ? resolvers.machine : undefined;
  const principal = resolve === undefined ? undefined : await resolve(token);
  // One message for unknown, revoked and malformed tokens: a caller learns nothing by probing.
  if (principal === undefined) throw new HttpProblem(401, 'invalid_token', 'the bearer token is not valid (unknown, revoked or rotated)');
  return principal;
}

async function fromSessionCookie(request: FastifyRequest, reply: FastifyReply, sessions: SessionStore): Promise<Principal | undefined> {
  const raw = request.cookies[SESSION_COOKIE];
  if (raw === undefined) return undefined;
  const unsigned = request.unsignCookie(raw);
  const principal = unsigned.valid && unsigned.value !== null ? await sessions.resolve(unsigned.value) : undefined;
  // A forged, ended or expired cookie is dropped so the browser stops sending it.
  if (principal === undefined) reply.clearCookie(SESSION_COOKIE, { path: '/' });
  return principal;
}

function refuse(request: FastifyRequest, reply: FastifyReply, refusal: AccessRefusal): FastifyReply {
  if (refusal.status === 401 && !isApiPath(request.url)) {
    const next = request.url.startsWith('/') && !request.url.startsWith('//') ? request.url : '/';
    return reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
  }
  const code = refusal.status === 401 ? 'authentication_required' : 'forbidden';
  return sendProblem(request, reply, toProblem(new HttpProblem(refusal.status, code, refusal.detail)));
}

/**
 * Authenticates every request (bearer token, else session cookie) and enforces the route's
 * declared access before any handler or body parsing runs. Requests for unknown paths reach
 * the not-found handler with whatever principal they carried.
 */
export function installAuthentication(app: FastifyInstance, sessions: SessionStore, bearer: BearerResolvers): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    const access = request.routeOptions.config.access;
    // Public routes (health, sign-in, the API document) answer everyone alike: an
    // Authorization header there is not evaluated, so a probe or load balancer that sends
    // one is not refused (README "Portal"). A session cookie still counts (sign-in pages).
    const bearerCounts = header !== undefined && (access === undefined || !('public' in access));
    request.principal = bearerCounts ? await fromBearer(request, header, bearer) : await fromSessionCookie(request, reply, sessions);
    if (access === undefined) return; // the not-found handler: no route, nothing to guard
    const refusal = checkAccess(access, request.principal);
    if (refusal !== undefined) return refuse(request, reply, refusal);
  });
}
