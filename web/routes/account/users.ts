import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EmailAddress, InvitableRole, roles, type Role } from '../../../domain/organizations/index.js';
import { tenantPrincipal } from '../../auth/access.js';
import type { TenantPrincipal } from '../../auth/principal.js';
import { HttpProblem } from '../../problems.js';
import { html, type SafeHtml } from '../../../domain/render/html.js';
import type { AccountContext } from '../../services/organizations.js';
import { changeUserRole, deactivateUser, grantableRoles, inviteUser, listUsers, type UserView } from '../../services/users.js';
import { formToken, sendPage, shownTime } from './accountKit.js';

const InviteForm = z.object({ email: EmailAddress, role: InvitableRole });
const RoleForm = z.object({ role: z.enum(roles) });
const UserParams = z.object({ userId: z.uuid() });

function parsed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new HttpProblem(400, 'invalid_form', `the ${what} is not valid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}

function roleOptions(choices: readonly Role[], selected: Role | undefined): SafeHtml {
  return html`${choices.map((r) => (r === selected ? html`<option value="${r}" selected>${r}</option>` : html`<option value="${r}">${r}</option>`))}`;
}

function userRow(user: UserView, csrf: string, choices: readonly Role[], self: boolean): SafeHtml {
  const manageable = !self && user.status !== 'deactivated' && choices.includes(user.role);
  const actions = manageable
    ? html`<form method="post" action="/settings/users/${user.userId}/role"><input type="hidden" name="_csrf" value="${csrf}">
        <select name="role" aria-label="Role of ${user.email}">${roleOptions(choices, user.role)}</select> <button type="submit" class="secondary">Change role</button></form>
      <form method="post" action="/settings/users/${user.userId}/deactivate"><input type="hidden" name="_csrf" value="${csrf}">
        <button type="submit" class="secondary">Deactivate</button></form>`
    : html`<span class="muted">${self ? 'you' : '—'}</span>`;
  return html`<tr><td>${user.email}</td><td>${user.role}</td><td>${user.status}</td><td>${shownTime(user.invitedAt)}</td><td>${actions}</td></tr>`;
}

/** /settings/users for org_admins: list, invite (the link is shown once), change role, deactivate. */
export function registerUserSettingsRoutes(app: FastifyInstance, account: AccountContext): void {
  const access = { role: 'org_admin' as const };

  async function usersPage(principal: TenantPrincipal, csrf: string, notice?: SafeHtml): Promise<SafeHtml> {
    const users = await listUsers(account, principal);
    const kind = principal.kind === 'session' ? principal.organizationKind : 'client';
    const choices = grantableRoles(principal, kind);
    const self = principal.kind === 'session' ? principal.userId : undefined;
    const invitable = choices.filter((r) => r !== 'super_admin');
    return html`${notice ?? html``}
<div class="table-wrap"><table><thead><tr><th>E-mail</th><th>Role</th><th>Status</th><th>Invited</th><th></th></tr></thead>
<tbody>${users.map((u) => userRow(u, csrf, choices, u.userId === self))}</tbody></table></div>
<h2>Invite someone</h2>
<form class="stacked" method="post" action="/settings/users/invite">
  <input type="hidden" name="_csrf" value="${csrf}">
  <label>E-mail<input type="email" name="email" required></label>
  <label>Role<select name="role">${roleOptions(invitable, 'viewer')}</select></label>
  <button type="submit">Invite</button>
</form>`;
  }

  app.get('/settings/users', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    return sendPage(reply, { title: 'Users', principal, body: await usersPage(principal, formToken(reply)) });
  });

  app.post('/settings/users/invite', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const form = parsed(InviteForm, request.body, 'invitation');
    const { path } = await inviteUser(account, principal, form.email, form.role);
    const link = `${request.protocol}://${request.host}${path}`;
    const notice = html`<p class="ok">${form.email} is invited as ${form.role}. Send them this link; it is shown only now and works once, for 7 days:</p>
<p class="secret">${link}</p>`;
    return sendPage(reply, { title: 'Users', principal, body: await usersPage(principal, formToken(reply), notice) });
  });

  app.post('/settings/users/:userId/role', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const { userId } = parsed(UserParams, request.params, 'address');
    const { role } = parsed(RoleForm, request.body, 'role change');
    await changeUserRole(account, principal, userId, role);
    return reply.redirect('/settings/users', 303);
  });

  app.post('/settings/users/:userId/deactivate', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const { userId } = parsed(UserParams, request.params, 'address');
    await deactivateUser(account, principal, userId);
    return reply.redirect('/settings/users', 303);
  });
}
