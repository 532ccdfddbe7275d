import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../../context.js';
import { html } from '../../../domain/render/html.js';
import { minute, organizationOptions, parseInput, sendAdminPage, table } from './adminViews.js';
import { adminCall } from '../../services/admin/index.js';
import { AccessLogQuery, readAccessLogPage } from '../../services/admin/accessLogReads.js';
import { listDirectory } from '../../services/admin/index.js';
import { listUsersAcross } from '../../services/admin/users.js';

/** /admin/access-log: who read or downloaded what, newest first, by organisation and user. */
export function registerAccessLogPages(app: FastifyInstance, ctx: WebContext): void {
  app.get('/admin/access-log', { config: { access: { role: 'super_admin' } } }, async (request, reply) => {
    const call = adminCall(ctx, request);
    const query = parseInput(AccessLogQuery, request.query, 'query');
    const orgs = await listDirectory(call);
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
