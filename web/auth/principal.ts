import type { Role } from '../../domain/organizations/index.js';

/** A person signed in through the portal (password or OIDC), resolved from a session cookie. */
export interface SessionPrincipal {
  readonly kind: 'session';
  readonly userId: string;
  readonly orgId: string;
  readonly organizationName: string;
  /** 'platform' for the operators' organisation, 'client' otherwise. */
  readonly organizationKind: string;
  readonly email: string;
  readonly role: Role;
  /** SHA-256 (hex) of the session id; the cookie value itself is never kept. */
  readonly sessionHash: string;
}

/** An integration or the Excel add-in calling the JSON API with `Authorization: Bearer sk_live_...`. */
export interface ApiKeyPrincipal {
  readonly kind: 'apiKey';
  readonly keyId: string;
  readonly orgId: string;
  readonly role: Role;
}

/** A sampler node calling the run pipeline with a machine token; scopes name what it may do. */
export interface MachinePrincipal {
  readonly kind: 'machine';
  readonly tokenId: string;
  readonly nodeName: string;
  readonly scopes: readonly string[];
}

/** Whoever a request acts for, once authenticated. */
export type Principal = SessionPrincipal | ApiKeyPrincipal | MachinePrincipal;

/** Principals that act within one organisation with a role (people and API keys). */
export type TenantPrincipal = SessionPrincipal | ApiKeyPrincipal;

/** The command-metadata actor of a signed-in person, or of an API key (events then name the key). */
export function actorOf(principal: SessionPrincipal): { kind: 'user'; userId: string; orgId: string; role: Role };
export function actorOf(principal: TenantPrincipal): { kind: 'user'; userId: string; orgId: string; role: Role } | { kind: 'apiKey'; keyId: string; orgId: string; role: Role };
export function actorOf(principal: TenantPrincipal): { kind: 'user'; userId: string; orgId: string; role: Role } | { kind: 'apiKey'; keyId: string; orgId: string; role: Role } {
  if (principal.kind === 'apiKey') return { kind: 'apiKey', keyId: principal.keyId, orgId: principal.orgId, role: principal.role };
  return { kind: 'user', userId: principal.userId, orgId: principal.orgId, role: principal.role };
}
