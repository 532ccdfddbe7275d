import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readAccessLog, type AccessLogRow } from '../../accessLog.js';
import type { WebContext } from '../../context.js';
import { html } from '../../../domain/render/html.js';
import { adminCall, minute, organizationOptions, parseInput, sendAdminPage, table } from './adminViews.js';
import { organizationDirectory, recordAdminRead, type AdminCall } from './crossTenant.js';
import { listUsersAcross } from './users.js';

const blank = (value: unknown): unknown => (value === '' ? undefined : value);

/** Filters of the access log: organisation of the resource, the actor, paging back by id. */
export const AccessLogQuery = z.object({
  orgId: z.preprocess(blank, z.uuid().optional()),
  actorId: z.preprocess(blank, z.string().max(200).optional()),
  beforeId: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{1,18}$/)
      .optional(),
  ),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(500).default(100)),
});
export type AccessLogQuery = z.infer<typeof AccessLogQuery>;

/** One page of the access log (newest first); reading it is itself recorded. */
export async function readAccessLogPage(call: AdminCall, query: AccessLogQuery): Promise<AccessLogRow[]> {
  const rows = await readAccessLog(call.pool, call.reader, { tenantId: query.orgId, actorId: query.actorId, beforeId: query.beforeId, limit: query.limit });
  await recordAdminRead(call, { tenantId: query.orgId ?? null, action: 'list', resourceType: 'access_log', resourceId: query.actorId ?? null });
  return rows;
}

/** /admin/access-log: who read or downloaded what, newest first, by organisation and user. */
export function registerAccessLogPages(app: FastifyInstance, ctx: WebContext): void {
  app.get('/admin/access-log', { config: { access: { role: 'super_admin' } } }, async (request, reply) => {
    const call = adminCall(ctx, request);
    const query = parseInput(AccessLogQuery, request.query, 'query');
    const orgs = await organizationDirectory(call.pool, call.reader);
    const users = await listUsersAcross(call);
    const orgName = new Map(orgs.map((o) => [o.orgId, o.name]));
    const entries = await readAccessLogPage(call, query);
    const rows = entries.map(
      (e) => html`<tr><td>${minute(e.at)}</td><td>${e.actorEmail ?? `${e.actorKind} ${e.actorId}`}</td><td>${e.action}</td>
        <td>${e.resourceType}${e.resourceId === null ? '' : html` <span class="hash">${e.resourceId}</span>`}</td>
        <td>${e.tenantId === null ? 'platform-wide' : (orgName.get(e.tenantId) ?? e.tenantId)}</td><td>${e.ip ?? ''}</td></tr>`,
    );
    const last = entries.at(-1);
    const params = new URLSearchParams({ ...(query.orgId === undefined ? {} : { orgId: query.orgId }), ...(query.actorId === undefined ? {} : { actorId: query.actorId }) });
    const older = last !== undefined && entries.length === query.limit ? html`<p><a href="/admin/access-log?${params.toString()}&beforeId=${last.id}">Older entries</a></p>` : html``;
    const userOptions = users.map((u) => html`<option value="${u.userId}" ${u.userId === query.actorId ? html`selected` : ''}>${u.email} · ${u.organizationName}</option>`);
    const body = html`
      <form method="get" action="/admin/access-log" class="actions">
        <label>Organisation of the resource <select name="orgId">${organizationOptions(orgs, query.orgId, 'Any')}</select></label>
        <label>User <select name="actorId"><option value="">Anyone</option>${userOptions}</select></label>
        <button type="submit" class="secondary">Show</button>
      </form>
      ${table(['Time (UTC)', 'Who', 'Action', 'Resource', 'Organisation', 'IP'], rows, 'No entries match.')}
      ${older}`;
    return sendAdminPage(reply, call, 'Access log', body);
  });
}
