/** The accounts a sign-in may be for, looked up only through web.login_candidates (no tenant data beyond what sign-in needs). */
import type pg from 'pg';

/** An active account with this address: its organisation, role and password hash. */
export interface LoginCandidate {
  readonly tenant_id: string;
  readonly user_id: string;
  readonly role: string;
  readonly password_hash: string;
  readonly organization_name: string;
}

/** Every active account with `email`, in any organisation. */
export async function loginCandidates(ctx: { readonly pool: pg.Pool }, email: string): Promise<LoginCandidate[]> {
  return (await ctx.pool.query<LoginCandidate>('SELECT * FROM web.login_candidates($1)', [email])).rows;
}
