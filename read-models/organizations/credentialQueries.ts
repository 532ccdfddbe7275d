import { Role } from '../../domain/organizations/index.js';
import { z } from 'zod';
import { parseRows, type Queryable } from '../tenantTransaction.js';

const ApiKeyRow = z
  .object({
    key_id: z.string(),
    name: z.string(),
    role: Role,
    key_prefix: z.string(),
    issued_at: z.date(),
    revoked_at: z.date().nullable(),
  })
  .transform((r) => ({
    keyId: r.key_id,
    name: r.name,
    role: r.role,
    keyPrefix: r.key_prefix,
    issuedAt: r.issued_at,
    revokedAt: r.revoked_at,
  }));
/** An API key as its organisation's admins see it (never the key or its hash). */
export type ApiKeyView = z.infer<typeof ApiKeyRow>;

const MachineTokenRow = z
  .object({
    token_id: z.string(),
    node_name: z.string(),
    scopes: z.array(z.string()),
    issued_at: z.date(),
    rotated_at: z.date().nullable(),
    revoked_at: z.date().nullable(),
  })
  .transform((r) => ({
    tokenId: r.token_id,
    nodeName: r.node_name,
    scopes: r.scopes,
    issuedAt: r.issued_at,
    rotatedAt: r.rotated_at,
    revokedAt: r.revoked_at,
  }));
/** A machine token as super_admins see it (never the token or its hash). */
export type MachineTokenView = z.infer<typeof MachineTokenRow>;

/** The current tenant's API keys, newest first. */
export async function listApiKeys(db: Queryable): Promise<ApiKeyView[]> {
  const { rows } = await db.query('SELECT key_id, name, role, key_prefix, issued_at, revoked_at FROM api_keys ORDER BY issued_at DESC, key_id');
  return parseRows('api_keys', ApiKeyRow, rows);
}

/** The current tenant's machine tokens (the platform tenant holds them all), newest first. */
export async function listMachineTokens(db: Queryable): Promise<MachineTokenView[]> {
  const { rows } = await db.query('SELECT token_id, node_name, scopes, issued_at, rotated_at, revoked_at FROM machine_tokens ORDER BY issued_at DESC, token_id');
  return parseRows('machine_tokens', MachineTokenRow, rows);
}
