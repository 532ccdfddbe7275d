import { NavcastError } from '../../domain/errors.js';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { hasRoleAtLeast, type Role } from '../../domain/organizations/index.js';
import type { Principal, TenantPrincipal } from './principal.js';

/**
 * Who may call a route; every route declares one in `config.access` (registration fails
 * otherwise, so a forgotten declaration cannot ship an open route):
 * - `{ public: 'why' }`: anyone, the reason says why it must be open (login, health);
 * - `{ role }`: a signed-in person or an API key of an organisation with at least this role;
 * - `{ machine: scope }`: a sampler node's machine token carrying this scope.
 */
export type Access = { readonly public: string } | { readonly role: Role } | { readonly machine: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** Set by the authentication hook; undefined for anonymous requests. */
    principal: Principal | undefined;
  }
}

/** A route as the access checks see it: method, path and declaration. */
export interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

/** Raised at start-up for a route that declares no access rule. */
export class UndeclaredAccessError extends NavcastError {
  readonly code = 'route_access_undeclared';
  readonly status = 500;
  constructor(method: string, url: string) {
    super(`route ${method} ${url} declares no config.access: every route must be public (with a reason) or name a role or machine scope`);
    this.name = 'UndeclaredAccessError';
  }
}

/**
 * The path of a request URL as the router matches it: without the query, percent-decoded
 * (the router finds `/%61pi/v1/funds` at `/api/v1/funds`, so every decision must see it so).
 */
export function routedPath(url: string): string {
  const path = url.split('?', 1)[0];
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // malformed escapes: the router answers 400 or 404 for those
  }
}

/** JSON API routes live under /api; everything else is a page (redirects to login, HTML errors). */
export function isApiPath(url: string): boolean {
  const path = routedPath(url);
  return path === '/api' || path.startsWith('/api/') || path === '/openapi.json';
}

/**
 * Records every route's declaration (for the route-listing tests and /openapi.json) and
 * refuses routes without one. Call before any route is registered.
 */
export function enforceAccessDeclarations(app: FastifyInstance, registry: DeclaredRoute[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (access === undefined) throw new UndeclaredAccessError(methods.join(','), route.url);
    for (const method of methods) registry.push({ method, url: route.url, access });
  });
}

/** Why a request may not proceed: 401 (who are you?) or 403 (not allowed). */
export type AccessRefusal = { readonly status: 401 | 403; readonly detail: string };

/** Decides whether `principal` satisfies `access`; undefined means allowed. */
export function checkAccess(access: Access, principal: Principal | undefined): AccessRefusal | undefined {
  if ('public' in access) return undefined;
  if (principal === undefined) return { status: 401, detail: 'sign in or send an API key to use this resource' };
  if ('machine' in access) {
    if (principal.kind !== 'machine') return { status: 403, detail: 'this resource is for sampler nodes with a machine token' };
    return principal.scopes.includes(access.machine) ? undefined : { status: 403, detail: `the machine token lacks scope ${access.machine}` };
  }
  if (principal.kind === 'machine') return { status: 403, detail: 'machine tokens may not use this resource' };
  if (!hasRoleAtLeast(principal.role, access.role)) return { status: 403, detail: `this needs the role ${access.role} or above` };
  return undefined;
}

/** The request's organisation-scoped principal; routes declared with a role always have one. */
export function tenantPrincipal(request: FastifyRequest): TenantPrincipal {
  const principal = request.principal;
  if (principal === undefined || principal.kind === 'machine') {
    throw new Error(`route ${request.routeOptions.url} needs an organisation principal: declare access with a role`);
  }
  return principal;
}

/** Sends the refusal the way the route's surface expects: problem+json, or a login redirect / HTML page. */
export type RefusalSender = (request: FastifyRequest, reply: FastifyReply, refusal: AccessRefusal) => FastifyReply;
