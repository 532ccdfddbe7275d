import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { Role } from '../../../domain/organizations/index.js';
import type { SessionPrincipal } from '../../auth/principal.js';

/** Lifetimes of a portal session. */
export interface SessionPolicy {
  /** Absolute lifetime from sign-in, in seconds. */
  readonly absoluteSeconds: number;
  /** A session unused this long ends, in seconds. */
  readonly idleSeconds: number;
  /**
   * How long this process may answer a session from memory before asking the database again,
   * in seconds (0: every request asks). Sign-out, role changes and deactivations made through
   * this process apply at once; made elsewhere (another portal process, the CLI), within this
   * bound. docs/architecture.md "Sessions".
   */
  readonly cacheSeconds?: number;
}

/** Twelve hours from sign-in, two hours idle, a resolved session remembered for 2 seconds. */
export const defaultSessionPolicy: SessionPolicy = { absoluteSeconds: 12 * 3600, idleSeconds: 2 * 3600, cacheSeconds: 2 };

/** Most sessions remembered at once; the oldest is forgotten first. */
const CACHED_SESSIONS = 10_000;

interface CachedSession {
  readonly principal: SessionPrincipal;
  /** Epoch ms after which the database is asked again (never past the session's own expiry). */
  readonly until: number;
}

/** SHA-256 (hex) of a session id or token as it is stored. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface SessionRow {
  tenant_id: string;
  user_id: string;
  email: string;
  role: string;
  organization_name: string;
  organization_kind: string;
  expires_at: Date;
}

/**
 * Server-side sessions in web.sessions, reached only through its SECURITY DEFINER functions
 * (migration 0200). The browser holds a random 256-bit id in a signed cookie; the table
 * holds only its hash. Resolving goes through web.resolve_session, which
 * also re-reads the user's role and status, so a role change or deactivation applies at once.
 */
export class SessionStore {
  private readonly cache = new Map<string, CachedSession>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly policy: SessionPolicy = defaultSessionPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a session for a user and returns the id to put in the cookie (shown nowhere else). */
  async start(user: { orgId: string; userId: string }, method: 'password' | 'oidc'): Promise<{ id: string; expiresAt: Date }> {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.policy.absoluteSeconds * 1000);
    await this.pool.query('SELECT web.start_session($1, $2, $3, $4, $5, $6)', [sha256Hex(id), user.orgId, user.userId, now, expiresAt, method]);
    return { id, expiresAt };
  }

  /** The principal of a live session, or undefined when it is unknown, ended, expired or idle. */
  async resolve(id: string): Promise<SessionPrincipal | undefined> {
    const sessionHash = sha256Hex(id);
    const now = this.now();
    const cached = this.cache.get(sessionHash);
    if (cached !== undefined && now.getTime() < cached.until) return cached.principal;
    if (cached !== undefined) this.cache.delete(sessionHash);
    // A named statement: every request resolves its session, so the plan is kept per connection.
    const { rows } = await this.pool.query<SessionRow>({
      name: 'web.resolve_session',
      text: 'SELECT * FROM web.resolve_session($1, $2, $3)',
      values: [sessionHash, now, this.policy.idleSeconds],
    });
    const row = rows[0];
    if (row === undefined) return undefined;
    const principal: SessionPrincipal = {
      kind: 'session',
      userId: row.user_id,
      orgId: row.tenant_id,
      organizationName: row.organization_name,
      organizationKind: row.organization_kind,
      email: row.email,
      role: Role.parse(row.role),
      sessionHash,
    };
    this.remember(principal, now, row.expires_at);
    return principal;
  }

  private remember(principal: SessionPrincipal, now: Date, expiresAt: Date): void {
    const seconds = this.policy.cacheSeconds ?? 0;
    if (seconds <= 0) return;
    if (this.cache.size >= CACHED_SESSIONS) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(principal.sessionHash, { principal, until: Math.min(now.getTime() + seconds * 1000, expiresAt.getTime()) });
  }

  /** Forgets what this process remembers of a user's sessions (after a role change): their next request asks the database. */
  forgetUser(orgId: string, userId: string): void {
    for (const [hash, entry] of this.cache) if (entry.principal.orgId === orgId && entry.principal.userId === userId) this.cache.delete(hash);
  }

  /** Ends one session (logout); ending an unknown or ended session does nothing. */
  async end(sessionHash: string): Promise<void> {
    this.cache.delete(sessionHash);
    await this.pool.query('SELECT web.end_session($1, $2)', [sessionHash, this.now()]);
  }

  /** Ends every session of a user (password reset, deactivation). */
  async endAllOf(orgId: string, userId: string): Promise<void> {
    this.forgetUser(orgId, userId);
    await this.pool.query('SELECT web.end_user_sessions($1, $2, $3)', [orgId, userId, this.now()]);
  }
}
