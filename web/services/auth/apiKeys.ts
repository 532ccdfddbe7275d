import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { sha256Hex } from './sessions.js';

/** A freshly made bearer secret: the secret (shown once), its SHA-256 (stored) and display prefix. */
export interface NewSecret {
  readonly secret: string;
  readonly hash: string;
  readonly prefix: string;
}

function newSecret(marker: 'sk_live_' | 'mt_'): NewSecret {
  const secret = `${marker}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: sha256Hex(secret), prefix: secret.slice(0, 12) };
}

/** An organisation API key: `sk_live_` and 32 random bytes, base64url (256 bits). */
export function newApiKey(): NewSecret {
  return newSecret('sk_live_');
}

/** A sampler node's machine token: `mt_` and 32 random bytes, base64url. */
export function newMachineToken(): NewSecret {
  return newSecret('mt_');
}

/** Last use of each credential of a kind in the current tenant (web.credential_use, RLS). */
export async function lastUsedTimes(db: pg.ClientBase, kind: 'api_key' | 'machine_token'): Promise<Map<string, Date>> {
  const { rows } = await db.query<{ credential_id: string; last_used_at: Date }>('SELECT credential_id, last_used_at FROM web.credential_use WHERE kind = $1', [kind]);
  return new Map(rows.map((r) => [r.credential_id, r.last_used_at]));
}
