import { OrganizationKind, Role } from '../../domain/organizations/index.js';
import { z } from 'zod';
import { parseRows, type Queryable } from '../tenantTransaction.js';

const OrganizationRow = z
  .object({ tenant_id: z.string(), name: z.string(), kind: OrganizationKind, created_at: z.date() })
  .transform((r) => ({ orgId: r.tenant_id, name: r.name, kind: r.kind, createdAt: r.created_at }));
export type OrganizationView = z.infer<typeof OrganizationRow>;

const UserRow = z
  .object({
    user_id: z.string(),
    tenant_id: z.string(),
    email: z.string(),
    role: Role,
    status: z.enum(['invited', 'active', 'deactivated']),
    password_hash: z.string().nullable(),
    invited_at: z.date(),
    activated_at: z.date().nullable(),
    deactivated_at: z.date().nullable(),
  })
  .transform((r) => ({
    userId: r.user_id,
    orgId: r.tenant_id,
    email: r.email,
    role: r.role,
    status: r.status,
    passwordHash: r.password_hash,
    invitedAt: r.invited_at,
    activatedAt: r.activated_at,
    deactivatedAt: r.deactivated_at,
  }));
export type UserView = z.infer<typeof UserRow>;

const userColumns = 'user_id, tenant_id, email, role, status, password_hash, invited_at, activated_at, deactivated_at';

/** The current tenant's organisation (RLS limits the view to it), or undefined. */
export async function currentOrganization(db: Queryable): Promise<OrganizationView | undefined> {
  const { rows } = await db.query('SELECT tenant_id, name, kind, created_at FROM organizations');
  return parseRows('organizations', OrganizationRow, rows)[0];
}

/** Users of the current tenant, by e-mail address. */
export async function listUsers(db: Queryable): Promise<UserView[]> {
  const { rows } = await db.query(`SELECT ${userColumns} FROM users ORDER BY email, user_id`);
  return parseRows('users', UserRow, rows);
}

/** The current tenant's user with this (already normalised) e-mail who is not deactivated. */
export async function findUserByEmail(db: Queryable, email: string): Promise<UserView | undefined> {
  const { rows } = await db.query(`SELECT ${userColumns} FROM users WHERE email = $1 AND status <> 'deactivated'`, [email]);
  return parseRows('users', UserRow, rows)[0];
}
