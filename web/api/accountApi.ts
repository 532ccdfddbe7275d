/**
 * JSON API of the account side: users and API keys of the caller's organisation (org_admin),
 * machine tokens of sampler nodes (super_admin). Secrets (invitation links, keys, tokens) are
 * in the response of the call that makes them and nowhere else.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EmailAddress, InvitableRole, Label, MachineScope, Role } from '../../domain/organizations/index.js';
import { tenantPrincipal } from '../auth/access.js';
import { HttpProblem } from '../problems.js';
import { NextCursor, pageInMemory, pageQuery } from './pagination.js';
import {
  issueApiKey,
  issueMachineToken,
  listedApiKeys,
  listedMachineTokens,
  revokeApiKey,
  revokeMachineToken,
  rotateMachineToken,
  type ListedApiKey,
  type ListedMachineToken,
} from '../services/keys.js';
import type { AccountContext } from '../services/organizations.js';
import { changeUserRole, deactivateUser, inviteUser, listUsers, type UserView } from '../services/users.js';

const Instant = z.string().describe('ISO-8601 UTC');
const UserJson = z.object({
  userId: z.string(),
  email: z.string(),
  role: Role,
  status: z.enum(['invited', 'active', 'deactivated']),
  invitedAt: Instant,
  activatedAt: Instant.nullable(),
  deactivatedAt: Instant.nullable(),
});
const ApiKeyJson = z.object({ keyId: z.string(), name: z.string(), role: Role, keyPrefix: z.string(), issuedAt: Instant, lastUsedAt: Instant.nullable(), revokedAt: Instant.nullable() });
const MachineTokenJson = z.object({
  tokenId: z.string(),
  nodeName: z.string(),
  scopes: z.array(z.string()),
  issuedAt: Instant,
  rotatedAt: Instant.nullable(),
  lastUsedAt: Instant.nullable(),
  revokedAt: Instant.nullable(),
});
const UserParams = z.object({ userId: z.uuid() });
const KeyParams = z.object({ keyId: z.uuid() });
const TokenParams = z.object({ tokenId: z.uuid() });
const SecretJson = z.object({ tokenId: z.string(), token: z.string().describe('the machine token: shown in this response only') });

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());
const userJson = (u: UserView): z.infer<typeof UserJson> => ({
  userId: u.userId,
  email: u.email,
  role: u.role,
  status: u.status,
  invitedAt: u.invitedAt.toISOString(),
  activatedAt: iso(u.activatedAt),
  deactivatedAt: iso(u.deactivatedAt),
});
const keyJson = (k: ListedApiKey): z.infer<typeof ApiKeyJson> => ({
  keyId: k.keyId,
  name: k.name,
  role: k.role,
  keyPrefix: k.keyPrefix,
  issuedAt: k.issuedAt.toISOString(),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
});
const tokenJson = (t: ListedMachineToken): z.infer<typeof MachineTokenJson> => ({
  tokenId: t.tokenId,
  nodeName: t.nodeName,
  scopes: t.scopes,
  issuedAt: t.issuedAt.toISOString(),
  rotatedAt: iso(t.rotatedAt),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});

/** Registers /api/v1/users, /api/v1/api-keys and /api/v1/admin/machine-tokens. */
export function registerAccountApi(app: FastifyInstance, account: AccountContext): void {
  const { ctx } = account;
  const orgAdmin = { role: 'org_admin' as const };
  const superAdmin = { role: 'super_admin' as const };
  const oneUser = async (principal: ReturnType<typeof tenantPrincipal>, userId: string): Promise<z.infer<typeof UserJson>> => {
    const user = (await listUsers(account, principal)).find((u) => u.userId === userId);
    if (user === undefined) throw new HttpProblem(404, 'user_not_found', 'no such user in this organisation');
    return userJson(user);
  };

  ctx.catalogue.add(app, {
    method: 'GET',
    url: '/api/v1/users',
    operationId: 'listUsers',
    access: orgAdmin,
    tag: 'users',
    summary: "The organisation's users, by e-mail address, a page at a time",
    query: pageQuery(2),
    response: z.object({ users: z.array(UserJson), nextCursor: NextCursor }),
    async handler(request, { query }) {
      const page = pageInMemory((await listUsers(account, tenantPrincipal(request))).map(userJson), (u) => [u.email, u.userId], query);
      return { users: page.items, nextCursor: page.nextCursor };
    },
  });

  ctx.catalogue.add(app, {
    method: 'POST',
    url: '/api/v1/users',
    operationId: 'inviteUser',

    errors: { 403: ['role_not_allowed'], 409: ['email_already_in_use', 'user_id_already_used'] },
    access: orgAdmin,
    tag: 'users',
    status: 201,
    summary: 'Invite a user; the response carries the single-use invitation link (7 days), shown only here',
    body: z.object({ email: EmailAddress, role: InvitableRole }),
    response: z.object({ user: UserJson, invitationPath: z.string() }),
    async handler(request, { body }) {
      const principal = tenantPrincipal(request);
      const { userId, path } = await inviteUser(account, principal, body.email, body.role);
      return { user: await oneUser(principal, userId), invitationPath: path };
    },
  });

  ctx.catalogue.add(app, {
    method: 'PATCH',
    url: '/api/v1/users/:userId',
    operationId: 'changeUserRole',

    errors: { 403: ['role_not_allowed'], 404: ['user_not_found'], 409: ['user_deactivated'] },
    access: orgAdmin,
    tag: 'users',
    summary: "Change a user's role (at most your own)",
    params: UserParams,
    body: z.object({ role: Role }),
    response: UserJson,
    async handler(request, { params, body }) {
      const principal = tenantPrincipal(request);
      await changeUserRole(account, principal, params.userId, body.role);
      return oneUser(principal, params.userId);
    },
  });

  ctx.catalogue.add(app, {
    method: 'POST',
    url: '/api/v1/users/:userId/deactivate',
    operationId: 'deactivateUser',

    errors: { 403: ['role_not_allowed'], 404: ['user_not_found'] },
    access: orgAdmin,
    tag: 'users',
    summary: 'Deactivate a user and end their sessions',
    params: UserParams,
    response: UserJson,
    async handler(request, { params }) {
      const principal = tenantPrincipal(request);
      await deactivateUser(account, principal, params.userId);
      return oneUser(principal, params.userId);
    },
  });

  ctx.catalogue.add(app, {
    method: 'GET',
    url: '/api/v1/api-keys',
    operationId: 'listApiKeys',
    access: orgAdmin,
    tag: 'api-keys',
    summary: "The organisation's API keys (prefix, role, created, last used, revoked), oldest first, a page at a time",
    query: pageQuery(2),
    response: z.object({ apiKeys: z.array(ApiKeyJson), nextCursor: NextCursor }),
    async handler(request, { query }) {
      const page = pageInMemory((await listedApiKeys(account, tenantPrincipal(request))).map(keyJson), (k) => [k.issuedAt, k.keyId], query);
      return { apiKeys: page.items, nextCursor: page.nextCursor };
    },
  });

  ctx.catalogue.add(app, {
    method: 'POST',
    url: '/api/v1/api-keys',
    operationId: 'createApiKey',

    errors: { 403: ['role_not_allowed'], 409: ['credential_id_already_used'] },
    access: orgAdmin,
    tag: 'api-keys',
    status: 201,
    summary: 'Issue an API key (role at most your own); the key is in this response only',
    body: z.object({ name: Label, role: Role }),
    response: z.object({ keyId: z.string(), key: z.string(), keyPrefix: z.string(), name: z.string(), role: Role }),
    async handler(request, { body }) {
      const issued = await issueApiKey(account, tenantPrincipal(request), body.name, body.role);
      return { keyId: issued.keyId, key: issued.key, keyPrefix: issued.prefix, name: body.name, role: body.role };
    },
  });

  ctx.catalogue.add(app, {
    method: 'DELETE',
    url: '/api/v1/api-keys/:keyId',
    operationId: 'revokeApiKey',

    errors: { 404: ['api_key_not_found'] },
    access: orgAdmin,
    tag: 'api-keys',
    summary: 'Revoke an API key (it stops working at once)',
    params: KeyParams,
    response: ApiKeyJson,
    async handler(request, { params }) {
      const principal = tenantPrincipal(request);
      await revokeApiKey(account, principal, params.keyId);
      const key = (await listedApiKeys(account, principal)).find((k) => k.keyId === params.keyId);
      if (key === undefined) throw new HttpProblem(404, 'api_key_not_found', 'no such API key');
      return keyJson(key);
    },
  });

  ctx.catalogue.add(app, {
    method: 'GET',
    url: '/api/v1/admin/machine-tokens',
    operationId: 'listMachineTokens',
    access: superAdmin,
    tag: 'admin',
    summary: "Sampler nodes' machine tokens, oldest first, a page at a time",
    query: pageQuery(2),
    response: z.object({ machineTokens: z.array(MachineTokenJson), nextCursor: NextCursor }),
    async handler(request, { query }) {
      const page = pageInMemory((await listedMachineTokens(account, tenantPrincipal(request))).map(tokenJson), (t) => [t.issuedAt, t.tokenId], query);
      return { machineTokens: page.items, nextCursor: page.nextCursor };
    },
  });

  ctx.catalogue.add(app, {
    method: 'POST',
    url: '/api/v1/admin/machine-tokens',
    operationId: 'issueMachineToken',

    errors: { 409: ['credential_id_already_used'] },
    access: superAdmin,
    tag: 'admin',
    status: 201,
    summary: 'Issue a machine token for a sampler node; the token is in this response only',
    body: z.object({ nodeName: Label, scopes: z.array(MachineScope).min(1).max(20) }),
    response: SecretJson,
    async handler(request, { body }) {
      return issueMachineToken(account, tenantPrincipal(request), body.nodeName, body.scopes);
    },
  });

  ctx.catalogue.add(app, {
    method: 'POST',
    url: '/api/v1/admin/machine-tokens/:tokenId/rotate',
    operationId: 'rotateMachineToken',

    errors: { 404: ['machine_token_not_found'], 409: ['machine_token_revoked'] },
    access: superAdmin,
    tag: 'admin',
    summary: 'Give a machine token a new secret; the old one stops working at once',
    params: TokenParams,
    response: SecretJson,
    async handler(request, { params }) {
      return rotateMachineToken(account, tenantPrincipal(request), params.tokenId);
    },
  });

  ctx.catalogue.add(app, {
    method: 'DELETE',
    url: '/api/v1/admin/machine-tokens/:tokenId',
    operationId: 'revokeMachineToken',

    errors: { 404: ['machine_token_not_found'] },
    access: superAdmin,
    tag: 'admin',
    summary: 'Revoke a machine token',
    params: TokenParams,
    response: z.object({ tokenId: z.string(), revoked: z.literal(true) }),
    async handler(request, { params }) {
      await revokeMachineToken(account, tenantPrincipal(request), params.tokenId);
      return { tokenId: params.tokenId, revoked: true as const };
    },
  });
}
