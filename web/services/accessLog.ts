/**
 * The append-only access log (table web.access_log, migration 0230): who read or downloaded
 * which tenant resource. Writes (uploads, organisation changes...) are not logged here: they
 * are events in the tenant's hash-chained log, with their actor.
 *
 * What is worth a row: reads that disclose a tenant's fund data or files, and every
 * cross-organisation read by a super_admin.
 * - `read`: one fund's page or its JSON (versions, reported NAVs, cash flows, nowcasts), by
 *   page or API; a super_admin's admin page showing one organisation's data (its event
 *   feed, its chain verification).
 * - `download`: any file leaving the platform: deliverables, an uploaded workbook, exports.
 * - `list`: a super_admin listing data across organisations (organisations, users, the
 *   event feed, the access log itself), one row per request with the filter as resource id.
 * - `export`: bulk machine exports (reserved for the run pipeline and audit exports).
 * Not recorded: lists that disclose only names and dates to the organisation's own users
 * (dashboard, fund list), account pages, sign-in, the public template, and the platform-wide
 * market series (reference data every tenant may read).
 *
 * Reading is for super_admins only, through the SECURITY DEFINER function
 * web.read_access_log, which re-checks the reader's role in the database; navcast_app has
 * INSERT and no SELECT, so no tenant route can read the log by mistake (see the migration).
 */
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import { NavcastError } from '../../domain/errors.js';
import type { Principal, SessionPrincipal } from '../auth/principal.js';
import { accessLogBatchesOf } from './accessLogBatches.js';

/** What was done with the resource (see the module comment for when each applies). */
export type AccessAction = 'read' | 'download' | 'list' | 'export';

/** Kinds of resource; a new kind needs only its name here (lower snake case, <= 40 chars). */
export type AccessResourceType = 'fund' | 'fund_data_version' | 'upload' | 'deliverable' | 'nowcast' | 'organization' | 'user' | 'event_log' | 'event_chain' | 'market_series' | 'access_log';

/** One access, as recorded. Build it with `accessEntry` from the request. */
export interface AccessEntry {
  readonly at: Date;
  readonly actor: AccessActor;
  /** Organisation owning the resource; null for platform-wide resources and cross-organisation lists. */
  readonly tenantId: string | null;
  readonly action: AccessAction;
  readonly resourceType: AccessResourceType;
  /** Id of the resource (fund id, file key...) or, for a list, its filter; null: the whole kind. */
  readonly resourceId: string | null;
  /** Fastify's request id, to join with the server log. */
  readonly requestId: string | null;
  readonly ip: string | null;
}

/** Who accessed: a person, an API key or a sampler node. */
export interface AccessActor {
  readonly kind: 'user' | 'apiKey' | 'machine';
  /** User id, API key id or machine token id. */
  readonly id: string;
  /** The actor's organisation; null for machine tokens. */
  readonly tenantId: string | null;
  readonly email: string | null;
}

/** The access-log actor of an authenticated principal. */
export function accessActorOf(principal: Principal): AccessActor {
  switch (principal.kind) {
    case 'session':
      return { kind: 'user', id: principal.userId, tenantId: principal.orgId, email: principal.email };
    case 'apiKey':
      return { kind: 'apiKey', id: principal.keyId, tenantId: principal.orgId, email: null };
    case 'machine':
      return { kind: 'machine', id: principal.tokenId, tenantId: null, email: null };
  }
}

/** What was accessed, for `accessEntry`. */
export interface AccessTarget {
  readonly tenantId: string | null;
  readonly action: AccessAction;
  readonly resourceType: AccessResourceType;
  readonly resourceId?: string | null;
}

/** Raised when an access is to be recorded for a request nobody is signed in for. */
export class AnonymousAccessError extends NavcastError {
  readonly code = 'access_log_anonymous';
  readonly status = 500;
}

/** An entry for `request`'s principal, request id and client address at `at`. */
export function accessEntry(request: FastifyRequest, at: Date, target: AccessTarget): AccessEntry {
  const principal = request.principal;
  if (principal === undefined) throw new AnonymousAccessError(`cannot record an anonymous ${target.action} of ${target.resourceType}`);
  return {
    at,
    actor: accessActorOf(principal),
    tenantId: target.tenantId,
    action: target.action,
    resourceType: target.resourceType,
    resourceId: target.resourceId ?? null,
    requestId: request.id,
    ip: request.ip,
  };
}

/**
 * Appends one entry (navcast_app may only INSERT) and resolves once it is committed. Call it
 * before sending the response, so that a failed write fails the request rather than leaving
 * an unrecorded read. Entries of concurrent requests share one INSERT (accessLogBatches.ts).
 */
export function recordAccess(pool: Pick<pg.Pool, 'query'>, entry: AccessEntry): Promise<void> {
  return accessLogBatchesOf(pool).write([
    entry.at,
    entry.actor.kind,
    entry.actor.id,
    entry.actor.tenantId,
    entry.actor.email,
    entry.tenantId,
    entry.action,
    entry.resourceType,
    entry.resourceId,
    entry.requestId,
    entry.ip,
  ]);
}

/** A recorded access as read back by a super_admin. */
export const accessLogRowSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorKind: z.enum(['user', 'apiKey', 'machine']),
  actorId: z.string(),
  actorTenantId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  tenantId: z.string().nullable(),
  action: z.enum(['read', 'download', 'list', 'export']),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AccessLogRow = z.infer<typeof accessLogRowSchema>;

/** Filters of `readAccessLog`; omitted means any. */
export interface AccessLogFilter {
  readonly tenantId?: string;
  readonly actorId?: string;
  /** Only entries with a smaller id (the next page). */
  readonly beforeId?: string;
  /** Page size, 1..500. */
  readonly limit: number;
}

/** Raised when the database refuses the reader (not an active super_admin). */
export class AccessLogReadRefusedError extends NavcastError {
  readonly code = 'forbidden';
  readonly status = 403;
}

/** One page of the log, newest first; the database checks that `reader` is an active super_admin. */
export async function readAccessLog(pool: Pick<pg.Pool, 'query'>, reader: SessionPrincipal, filter: AccessLogFilter): Promise<AccessLogRow[]> {
  try {
    const { rows } = await pool.query(
      `SELECT id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_kind, actor_id,
              actor_tenant_id::text, actor_email, tenant_id::text, action, resource_type, resource_id, request_id, host(ip) AS ip
         FROM web.read_access_log($1, $2, $3, $4, $5, $6)`,
      [reader.orgId, reader.userId, filter.tenantId ?? null, filter.actorId ?? null, filter.beforeId ?? null, filter.limit],
    );
    return rows.map((row: Record<string, unknown>) =>
      accessLogRowSchema.parse({
        id: row.id,
        at: row.at,
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        actorTenantId: row.actor_tenant_id,
        actorEmail: row.actor_email,
        tenantId: row.tenant_id,
        action: row.action,
        resourceType: row.resource_type,
        resourceId: row.resource_id,
        requestId: row.request_id,
        ip: row.ip,
      }),
    );
  } catch (error) {
    if ((error as { code?: unknown }).code === '42501') throw new AccessLogReadRefusedError('only an active super_admin may read the access log', { cause: error });
    throw error;
  }
}

/** Records what `request` did to `target` now (the portal's and the API's reads and downloads). */
export function recordRequestAccess(ctx: { readonly pool: pg.Pool; readonly now: () => Date }, request: FastifyRequest, target: AccessTarget): Promise<void> {
  return recordAccess(ctx.pool, accessEntry(request, ctx.now(), target));
}
