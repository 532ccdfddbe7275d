import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { Role } from '../../../domain/organizations/index.js';
import { sha256Hex } from './sessions.js';

interface HolderRow {
  tenant_id: string;
  user_id: string;
  email: string;
  role: string;
  status: string;
  organization_name: string;
}

function holder(row: HolderRow | undefined): AccountTokenHolder | undefined {
  if (row === undefined) return undefined;
  return { tenantId: row.tenant_id, userId: row.user_id, email: row.email, role: Role.parse(row.role), status: row.status, organizationName: row.organization_name };
}

/** What a single-use link is for. */
export type AccountTokenPurpose = 'invitation' | 'password_reset';

/** How long links stay valid, in seconds: a week to accept an invitation, an hour to reset a password. */
export const accountTokenLifetimes: Readonly<Record<AccountTokenPurpose, number>> = { invitation: 7 * 24 * 3600, password_reset: 3600 };

/** The account a valid link names, as the form shows it. */
export interface AccountTokenHolder {
  readonly tenantId: string;
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  readonly status: string;
  readonly organizationName: string;
}

/** Path of the page a link opens; the token is its last segment. */
export function accountTokenPath(purpose: AccountTokenPurpose, token: string): string {
  return purpose === 'invitation' ? `/invitation/${token}` : `/password/reset/${token}`;
}

/**
 * Single-use, expiring links for invitations and password resets (web.account_tokens). The
 * link carries 256 random bits; the table keeps only their SHA-256, so a database read yields
 * no usable link. Redeeming is one UPDATE ... WHERE used_at IS NULL AND expires_at > now.
 */
export class AccountTokens {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  /**
   * Creates a link for a user; `db` is a transaction whose tenant is `tenantId` (RLS checks the
   * insert). Returns the token, to be shown or mailed once and never stored.
   */
  async issue(db: pg.ClientBase, holder: { tenantId: string; userId: string }, purpose: AccountTokenPurpose): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const expiresAt = new Date(createdAt.getTime() + accountTokenLifetimes[purpose] * 1000);
    await db.query(`INSERT INTO web.account_tokens (token_hash, purpose, tenant_id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      sha256Hex(token),
      purpose,
      holder.tenantId,
      holder.userId,
      createdAt,
      expiresAt,
    ]);
    return token;
  }

  /** The account behind an unused, unexpired link, without using it; undefined otherwise. */
  async peek(token: string, purpose: AccountTokenPurpose): Promise<AccountTokenHolder | undefined> {
    const { rows } = await this.pool.query<HolderRow>('SELECT * FROM web.peek_account_token($1, $2, $3)', [sha256Hex(token), purpose, this.now()]);
    return holder(rows[0]);
  }

  /**
   * Uses a link: the account it named, or undefined when unknown, used or expired (then
   * nothing changes). Of two concurrent redemptions exactly one gets the account.
   */
  async redeem(token: string, purpose: AccountTokenPurpose): Promise<AccountTokenHolder | undefined> {
    const { rows } = await this.pool.query<HolderRow>('SELECT * FROM web.redeem_account_token($1, $2, $3)', [sha256Hex(token), purpose, this.now()]);
    return holder(rows[0]);
  }
}

/** Queues a mail in web.mail_outbox (delivered outside the portal); `db` is a transaction of `tenantId`. */
export async function queueMail(db: pg.ClientBase, mail: { tenantId: string; to: string; subject: string; body: string; at: Date }): Promise<void> {
  await db.query('INSERT INTO web.mail_outbox (tenant_id, to_address, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)', [mail.tenantId, mail.to, mail.subject, mail.body, mail.at]);
}
