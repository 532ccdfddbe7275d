import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { WebContext } from '../../context.js';
import { html } from '../../../domain/render/html.js';
import { attempt, csrfField, minute, organizationOptions, parseInput, sendAdminPage, table } from './adminViews.js';
import { adminCall } from '../../services/admin/index.js';
import { listDirectory, type AdminCall } from '../../services/admin/index.js';
import { inviteOrgAdmin, listUsersAcross } from '../../services/admin/users.js';

const blank = (value: unknown): unknown => (value === '' ? undefined : value);
const ListQuery = z.object({ orgId: z.preprocess(blank, z.uuid().optional()) });
const InviteForm = z.object({ orgId: z.uuid(), email: z.string().default('') });

interface UsersNotice {
  readonly orgId?: string;
  readonly invited?: string;
  /** The invitation link, shown once in the response to the invitation form. */
  readonly link?: string;
  readonly error?: string;
  readonly email?: string;
}

async function sendUsers(reply: FastifyReply, call: AdminCall, notice: UsersNotice, status = 200): Promise<FastifyReply> {
  const [orgs, users] = [await listDirectory(call), await listUsersAcross(call, { orgId: notice.orgId })];
  const rows = users.map(
    (u) =>
      html`<tr><td>${u.organizationName}</td><td>${u.email}</td><td>${u.role}</td><td>${u.status}</td><td>${minute(u.invitedAt)}</td><td>${u.activatedAt === null ? '' : minute(u.activatedAt)}</td></tr>`,
  );
  const invited = users.find((u) => u.userId === notice.invited);
  const clients = orgs.filter((o) => o.kind !== 'platform');
  const body = html`
    ${
      invited === undefined
        ? ''
        : html`<div class="notice"><p class="ok">${invited.email} is invited as org_admin of ${invited.organizationName}.</p>
      ${notice.link === undefined ? '' : html`<p>Send them this invitation link; it is shown only now and works once, for 7 days:</p><p class="secret">${notice.link}</p>`}</div>`
    }
    ${notice.error === undefined ? '' : html`<p class="error">${notice.error}</p>`}
    <form method="get" action="/admin/users" class="actions">
      <label>Organisation <select name="orgId">${organizationOptions(orgs, notice.orgId, 'All organisations')}</select></label>
      <button type="submit" class="secondary">Show</button>
    </form>
    ${table(['Organisation', 'E-mail', 'Role', 'Status', 'Invited (UTC)', 'Activated (UTC)'], rows, 'No users.')}
    <h2>Invite an organisation's org_admin</h2>
    <p class="muted">A new organisation has no users; its first org_admin invites everyone else.</p>
    <form method="post" action="/admin/users/invitations" class="stacked">${csrfField(reply)}
      <label>Organisation <select name="orgId" required>${organizationOptions(clients, notice.orgId, null)}</select></label>
      <label>E-mail <input name="email" type="email" required maxlength="320" value="${notice.email ?? ''}"></label>
      <button type="submit">Invite org_admin</button>
    </form>`;
  return sendAdminPage(reply, call, 'Users', body, status);
}

/** /admin/users: users across organisations; inviting an organisation's org_admin. */
export function registerUserPages(app: FastifyInstance, ctx: WebContext): void {
  const access = { access: { role: 'super_admin' as const } };

  app.get('/admin/users', { config: access }, async (request, reply) => {
    const query = parseInput(ListQuery, request.query, 'query');
    return sendUsers(reply, adminCall(ctx, request), query);
  });

  app.post('/admin/users/invitations', { config: access }, async (request, reply) => {
    const call = adminCall(ctx, request);
    const form = parseInput(InviteForm, request.body, 'form');
    const outcome = await attempt(() => inviteOrgAdmin(ctx, call, form.orgId, form.email));
    if (!outcome.ok) return sendUsers(reply, call, { orgId: form.orgId, error: outcome.message, email: form.email }, outcome.status);
    const link = `${request.protocol}://${request.host}${outcome.value.invitationPath}`;
    return sendUsers(reply, call, { orgId: form.orgId, invited: outcome.value.userId, link }, 201);
  });
}
