/**
 * API keys and machine tokens: the organisation's list with each credential's last use, and
 * issue / rotate / revoke (the secret is returned once; only its hash is recorded).
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../domain/organizations/index.js';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import { listApiKeys, listMachineTokens, type ApiKeyView, type MachineTokenView } from '../../read-models/index.js';
import { actorOf, type TenantPrincipal } from '../auth/principal.js';
import { lastUsedTimes, newApiKey, newMachineToken } from './auth/apiKeys.js';
import { type AccountContext, runOrganizationCommand } from './organizations.js';
import { readAsTenant } from './tenantData.js';

/** An API key as listed: the read model's row and its last use. */
export type ListedApiKey = ApiKeyView & { readonly lastUsedAt: Date | null };

/** The principal's organisation's keys with their last use. */
export async function listedApiKeys(account: AccountContext, principal: TenantPrincipal): Promise<ListedApiKey[]> {
  return readAsTenant(account.ctx.pool, principal, async (db) => {
    const [keys, used] = await Promise.all([listApiKeys(db), lastUsedTimes(db, 'api_key')]);
    return keys.map((k) => ({ ...k, lastUsedAt: used.get(k.keyId) ?? null }));
  });
}

/** Issues a key of the principal's organisation; returns it (to be shown once) with its id and prefix. */
export async function issueApiKey(account: AccountContext, principal: TenantPrincipal, name: string, role: Role): Promise<{ keyId: string; key: string; prefix: string }> {
  const keyId = randomUUID();
  const secret = newApiKey();
  const command = { type: 'IssueApiKey' as const, orgId: principal.orgId, keyId, name, role, keyHash: secret.hash, keyPrefix: secret.prefix };
  await runOrganizationCommand(account.ctx, actorOf(principal), command);
  return { keyId, key: secret.secret, prefix: secret.prefix };
}

/** A machine token as listed: the read model's row and its last use. */
export type ListedMachineToken = MachineTokenView & { readonly lastUsedAt: Date | null };

/** Every machine token (they live in the platform tenant, which is a super_admin's own). */
export async function listedMachineTokens(account: AccountContext, principal: TenantPrincipal): Promise<ListedMachineToken[]> {
  return readAsTenant(account.ctx.pool, principal, async (db) => {
    const [tokens, used] = await Promise.all([listMachineTokens(db), lastUsedTimes(db, 'machine_token')]);
    return tokens.map((t) => ({ ...t, lastUsedAt: used.get(t.tokenId) ?? null }));
  });
}

/** Issues a token for a sampler node; returns the token, shown once. */
export async function issueMachineToken(account: AccountContext, principal: TenantPrincipal, nodeName: string, scopes: string[]): Promise<{ tokenId: string; token: string }> {
  const tokenId = randomUUID();
  const secret = newMachineToken();
  await runOrganizationCommand(account.ctx, actorOf(principal), { type: 'IssueMachineToken', orgId: PLATFORM_TENANT_ID, tokenId, nodeName, scopes, tokenHash: secret.hash });
  return { tokenId, token: secret.secret };
}

/** Gives a token a new secret (the old one stops working at once); returns the new one, shown once. */
export async function rotateMachineToken(account: AccountContext, principal: TenantPrincipal, tokenId: string): Promise<{ tokenId: string; token: string }> {
  const secret = newMachineToken();
  await runOrganizationCommand(account.ctx, actorOf(principal), { type: 'RotateMachineToken', orgId: PLATFORM_TENANT_ID, tokenId, tokenHash: secret.hash });
  return { tokenId, token: secret.secret };
}

/** Revokes a token. */
export async function revokeMachineToken(account: AccountContext, principal: TenantPrincipal, tokenId: string): Promise<void> {
  await runOrganizationCommand(account.ctx, actorOf(principal), { type: 'RevokeMachineToken', orgId: PLATFORM_TENANT_ID, tokenId });
}

/** Revokes an API key of the principal's organisation. */
export async function revokeApiKey(account: AccountContext, principal: TenantPrincipal, keyId: string): Promise<void> {
  await runOrganizationCommand(account.ctx, actorOf(principal), { type: 'RevokeApiKey', orgId: principal.orgId, keyId });
}
