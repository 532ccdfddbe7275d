import type pg from 'pg';
import { randomToken } from '../../auth/oidcClient.js';
import { sha256Hex } from './sessions.js';

/** The secrets of one sign-in under way: state (CSRF), nonce (token binding), PKCE verifier. */
export interface PendingOidcLogin {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** Same-site path to open once signed in. */
  readonly next: string;
}

/** How long a browser may take at the provider (login, MFA) before the state expires, in seconds. */
export const OIDC_LOGIN_SECONDS = 600;

/**
 * Sign-ins under way, in web.oidc_logins (migration 0210), keyed by the state's SHA-256.
 * `consume` deletes the row it returns, so each state is good for one callback only.
 */
export class OidcLoginStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  /** Creates fresh state, nonce and verifier; also drops expired sign-ins nobody finished. */
  async begin(next: string): Promise<PendingOidcLogin> {
    const login = { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken(), next };
    const now = this.now();
    const expiresAt = new Date(now.getTime() + OIDC_LOGIN_SECONDS * 1000);
    await this.pool.query('DELETE FROM web.oidc_logins WHERE expires_at <= $1', [now]);
    await this.pool.query(`INSERT INTO web.oidc_logins (state_hash, nonce, code_verifier, next_path, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      sha256Hex(login.state),
      login.nonce,
      login.codeVerifier,
      next,
      now,
      expiresAt,
    ]);
    return login;
  }

  /** Takes the sign-in with this state out of the store; undefined when unknown, used or expired. */
  async consume(state: string): Promise<PendingOidcLogin | undefined> {
    const { rows } = await this.pool.query<{ nonce: string; code_verifier: string; next_path: string; expires_at: Date }>(
      'DELETE FROM web.oidc_logins WHERE state_hash = $1 RETURNING nonce, code_verifier, next_path, expires_at',
      [sha256Hex(state)],
    );
    const row = rows[0];
    if (row === undefined || row.expires_at.getTime() <= this.now().getTime()) return undefined;
    return { state, nonce: row.nonce, codeVerifier: row.code_verifier, next: row.next_path };
  }
}

/** The pending-login store of the portal's pool and clock. */
export function oidcLoginStore(ctx: { readonly pool: pg.Pool; readonly now: () => Date }): OidcLoginStore {
  return new OidcLoginStore(ctx.pool, ctx.now);
}
