/**
 * How super_admin pages read across organisations without leaving forced RLS.
 *
 * Choice (option a of the design brief): the portal never gets a role or a policy that sees
 * all tenants at once. A super_admin view
 * 1. asks the database for the organisation directory through the SECURITY DEFINER function
 *    web.admin_organizations (migration 0231), which returns only ids, names, kinds and
 *    creation times and itself checks that the reader is an active super_admin;
 * 2. reads each organisation's data in its own navcast_app transaction whose RLS tenant is
 *    that organisation (read-models withTenant), with the same queries a tenant would run;
 * 3. records the read in the append-only access log (web/accessLog.ts).
 * Why not a BYPASSRLS role or an "all tenants" policy for super_admins: one mistake in a
 * shared query would then leak every tenant to every route using that pool; here each read
 * names its tenant explicitly, and a list across tenants costs one transaction per
 * organisation (tens to hundreds: fine for an operator's page).
 *
 * Admin routes need a signed-in person: the database checks the super_admin by user id, and
 * an API key has none, so API keys get 403 here even when their role would pass.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import { withTenant } from '../../../read-models/index.js';
import { accessEntry, recordAccess, type AccessTarget } from '../accessLog.js';
import type { CommandMetadata } from '../../../domain/organizations/index.js';
import { actorOf, type SessionPrincipal } from '../../auth/principal.js';
import type { WebContext } from '../../context.js';
import { tenantPrincipal } from '../../auth/access.js';
import { HttpProblem } from '../../problems.js';

/** The signed-in super_admin of an admin route (403 for API keys and anyone else). */
export function adminPrincipal(request: FastifyRequest): SessionPrincipal {
  const principal = tenantPrincipal(request);
  if (principal.kind !== 'session') throw new HttpProblem(403, 'forbidden', 'super_admin operations need a signed-in person; API keys cannot use them');
  if (principal.role !== 'super_admin') throw new HttpProblem(403, 'forbidden', 'this needs the role super_admin');
  return principal;
}

/** One entry of the organisation directory. */
export interface DirectoryEntry {
  readonly orgId: string;
  readonly name: string;
  readonly kind: string;
  readonly createdAt: string;
}

const DirectoryRow = z.object({ tenant_id: z.string(), name: z.string(), kind: z.string(), created_at: z.date() });

/** Every organisation's id, name, kind and creation time, by name (database-checked super_admin). */
export async function organizationDirectory(pool: pg.Pool, reader: SessionPrincipal): Promise<DirectoryEntry[]> {
  const { rows } = await pool.query('SELECT tenant_id::text, name, kind, created_at FROM web.admin_organizations($1, $2)', [reader.orgId, reader.userId]);
  return rows.map((row: unknown) => {
    const r = DirectoryRow.parse(row);
    return { orgId: r.tenant_id, name: r.name, kind: r.kind, createdAt: r.created_at.toISOString() };
  });
}

/** Runs `work` as navcast_app with `orgId` as the RLS tenant, for a super_admin only. */
export function readAsOrganization<T>(pool: pg.Pool, reader: SessionPrincipal, orgId: string, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  if (reader.role !== 'super_admin') throw new HttpProblem(403, 'forbidden', 'only a super_admin reads other organisations');
  return withTenant(pool, orgId, work);
}

/** Runs `work` for each organisation in turn (one transaction each), in directory order. */
export async function readEachOrganization<T>(pool: pg.Pool, reader: SessionPrincipal, orgs: readonly DirectoryEntry[], work: (db: pg.PoolClient, org: DirectoryEntry) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const org of orgs) results.push(await readAsOrganization(pool, reader, org.orgId, (db) => work(db, org)));
  return results;
}

/** What an admin handler needs: the pool, the clock, and the request for the access log. */
export interface AdminCall {
  readonly pool: pg.Pool;
  readonly reader: SessionPrincipal;
  readonly request: FastifyRequest;
  readonly now: () => Date;
}

/** Records an admin read in the access log. */
export function recordAdminRead(call: AdminCall, target: AccessTarget): Promise<void> {
  return recordAccess(call.pool, accessEntry(call.request, call.now(), target));
}

/** The directory entry of `orgId`, or 404. */
export function findInDirectory(orgs: readonly DirectoryEntry[], orgId: string): DirectoryEntry {
  const org = orgs.find((o) => o.orgId === orgId);
  if (org === undefined) throw new HttpProblem(404, 'organization_not_found', `no organisation ${orgId}`);
  return org;
}

/** Metadata of a command the super_admin issues now (new command id, the app clock). */
export function adminCommandMeta(ctx: WebContext, call: AdminCall): CommandMetadata {
  return { commandId: randomUUID(), at: ctx.now().toISOString(), actor: actorOf(call.reader) };
}

/** The admin call of a request: its super_admin (403 otherwise), the pool and the clock. */
export function adminCall(ctx: WebContext, request: FastifyRequest): AdminCall {
  return { pool: ctx.pool, reader: adminPrincipal(request), request, now: ctx.now };
}

/** The organisations this admin call may see (the directory of web.admin_organizations). */
export function listDirectory(call: AdminCall): Promise<DirectoryEntry[]> {
  return organizationDirectory(call.pool, call.reader);
}
