import { Role } from '../../../domain/organizations/index.js';
import type { WebContext } from '../../context.js';
import type { BearerResolvers } from '../../auth/authenticate.js';
import type { ApiKeyPrincipal, MachinePrincipal } from '../../auth/principal.js';
import { sha256Hex } from './sessions.js';

/**
 * Resolvers of API keys (`sk_live_...`) and machine tokens (`mt_...`): the token's SHA-256 is
 * looked up through web.resolve_api_key / web.resolve_machine_token, which return nothing
 * for unknown, revoked or rotated-away secrets and record the use (last-used time).
 */
export function createBearerResolvers(ctx: Pick<WebContext, 'pool' | 'now'>): BearerResolvers {
  return {
    async apiKey(token: string): Promise<ApiKeyPrincipal | undefined> {
      const { rows } = await ctx.pool.query<{ key_id: string; tenant_id: string; role: string }>('SELECT * FROM web.resolve_api_key($1, $2)', [sha256Hex(token), ctx.now()]);
      const row = rows[0];
      return row === undefined ? undefined : { kind: 'apiKey', keyId: row.key_id, orgId: row.tenant_id, role: Role.parse(row.role) };
    },
    async machine(token: string): Promise<MachinePrincipal | undefined> {
      const { rows } = await ctx.pool.query<{ token_id: string; node_name: string; scopes: string[] }>('SELECT * FROM web.resolve_machine_token($1, $2)', [sha256Hex(token), ctx.now()]);
      const row = rows[0];
      return row === undefined ? undefined : { kind: 'machine', tokenId: row.token_id, nodeName: row.node_name, scopes: row.scopes };
    },
  };
}
