import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { WebContext } from '../../context.js';
import { html } from '../../../domain/render/html.js';
import { attempt, csrfField, minute, parseInput, sendAdminPage, table } from './adminViews.js';
import { adminCall } from '../../services/admin/index.js';
import type { AdminCall } from '../../services/admin/crossTenant.js';
import { createOrganization, listOrganizationSummaries } from '../../services/admin/organizations.js';

const CreateForm = z.object({ name: z.string().default('') });
const ListQuery = z.object({ created: z.uuid().optional() });

async function sendOrganizations(reply: FastifyReply, call: AdminCall, notice: { created?: string; error?: string; name?: string }, status = 200): Promise<FastifyReply> {
  const orgs = await listOrganizationSummaries(call);
  const rows = orgs.map(
    (o) => html`<tr><td>${o.name}</td><td>${o.kind}</td><td>${minute(o.createdAt)}</td>
      <td class="num"><a href="/admin/users?orgId=${o.orgId}">${o.activeUsers} / ${o.users}</a></td><td class="num">${o.orgAdmins}</td>
      <td class="num">${o.funds}</td><td class="num"><a href="/admin/events?orgId=${o.orgId}">${o.events}</a></td></tr>`,
  );
  const created = orgs.find((o) => o.orgId === notice.created);
  const body = html`
    ${created === undefined ? '' : html`<p class="notice ok">Organisation ${created.name} created. <a href="/admin/users?orgId=${created.orgId}">Invite its first org_admin</a>.</p>`}
    ${notice.error === undefined ? '' : html`<p class="error">${notice.error}</p>`}
    ${table(['Organisation', 'Kind', 'Created (UTC)', 'Users active / all', 'Org admins', 'Funds', 'Events'], rows, 'No organisations.')}
    <h2>Create an organisation</h2>
    <form method="post" action="/admin/organizations" class="stacked">${csrfField(reply)}
      <label>Name <input name="name" required maxlength="200" value="${notice.name ?? ''}"></label>
      <button type="submit">Create organisation</button>
    </form>`;
  return sendAdminPage(reply, call, 'Organisations', body, status);
}

/** /admin (overview) and /admin/organizations (list, create). */
export function registerOrganizationPages(app: FastifyInstance, ctx: WebContext): void {
  const access = { access: { role: 'super_admin' as const } };

  app.get('/admin', { config: access }, async (request, reply) => {
    const call = adminCall(ctx, request);
    const orgs = await listOrganizationSummaries(call);
    const sum = (pick: (o: (typeof orgs)[number]) => number): number => orgs.reduce((total, o) => total + pick(o), 0);
    const facts: [string, number][] = [
      ['Organisations', orgs.length],
      ['Active users', sum((o) => o.activeUsers)],
      ['Invited users', sum((o) => o.users - o.activeUsers)],
      ['Funds', sum((o) => o.funds)],
      ['Events', sum((o) => o.events)],
    ];
    const body = html`<dl class="facts">${facts.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
      <ul>
        <li><a href="/admin/organizations">Organisations</a>: list, create</li>
        <li><a href="/admin/users">Users</a> across organisations; invite an organisation's first org_admin</li>
        <li><a href="/admin/events">Event log</a>: filterable feed and hash-chain verification per organisation</li>
        <li><a href="/admin/market">Market series</a>: upload platform market data</li>
        <li><a href="/admin/access-log">Access log</a>: who read or downloaded what</li>
      </ul>`;
    return sendAdminPage(reply, call, 'Overview', body);
  });

  app.get('/admin/organizations', { config: access }, async (request, reply) => {
    const query = ListQuery.safeParse(request.query);
    return sendOrganizations(reply, adminCall(ctx, request), { created: query.success ? query.data.created : undefined });
  });

  app.post('/admin/organizations', { config: access }, async (request, reply) => {
    const call = adminCall(ctx, request);
    const form = parseInput(CreateForm, request.body, 'form');
    const outcome = await attempt(() => createOrganization(ctx, call, form.name));
    if (!outcome.ok) return sendOrganizations(reply, call, { error: outcome.message, name: form.name }, outcome.status);
    return reply.redirect(`/admin/organizations?created=${outcome.value.orgId}`, 303);
  });
}
