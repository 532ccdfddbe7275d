import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Label, roles } from '../../../domain/organizations/index.js';
import { tenantPrincipal } from '../../auth/access.js';
import type { TenantPrincipal } from '../../auth/principal.js';
import { HttpProblem } from '../../problems.js';
import { html, type SafeHtml } from '../../../domain/render/html.js';
import { issueApiKey, listedApiKeys, revokeApiKey, type ListedApiKey } from '../../services/keys.js';
import type { AccountContext } from '../../services/organizations.js';
import { grantableRoles } from '../../services/users.js';
import { formToken, sendPage, shownTime } from './accountKit.js';

const IssueForm = z.object({ name: Label, role: z.enum(roles) });
const KeyParams = z.object({ keyId: z.uuid() });

function keyRow(key: ListedApiKey, csrf: string): SafeHtml {
  const state =
    key.revokedAt === null
      ? html`<form method="post" action="/settings/api-keys/${key.keyId}/revoke"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="secondary">Revoke</button></form>`
      : html`<span class="muted">revoked ${shownTime(key.revokedAt)}</span>`;
  return html`<tr><td>${key.name}</td><td><code>${key.keyPrefix}…</code></td><td>${key.role}</td><td>${shownTime(key.issuedAt)}</td><td>${shownTime(key.lastUsedAt)}</td><td>${state}</td></tr>`;
}

/** /settings/api-keys for org_admins: list (prefix, role, created, last used, revoked), issue (shown once), revoke. */
export function registerApiKeySettingsRoutes(app: FastifyInstance, account: AccountContext): void {
  const access = { role: 'org_admin' as const };

  async function keysPage(principal: TenantPrincipal, csrf: string, notice?: SafeHtml): Promise<SafeHtml> {
    const keys = await listedApiKeys(account, principal);
    const choices = grantableRoles(principal, 'client');
    const table =
      keys.length === 0
        ? html`<p>No API keys yet.</p>`
        : html`<div class="table-wrap"><table><thead><tr><th>Name</th><th>Key</th><th>Role</th><th>Created</th><th>Last used</th><th></th></tr></thead>
<tbody>${keys.map((k) => keyRow(k, csrf))}</tbody></table></div>`;
    return html`${notice ?? html``}${table}
<h2>Issue a key</h2>
<p class="muted">Integrations send the key as <code>Authorization: Bearer sk_live_…</code> to the JSON API (/api/v1/…). It acts for this organisation with the role you choose. Every operation, its parameters and errors: the <a href="/docs">API reference</a> (and <a href="/openapi.json">/openapi.json</a> for client generators).</p>
<form class="stacked" method="post" action="/settings/api-keys">
  <input type="hidden" name="_csrf" value="${csrf}">
  <label>Name<input name="name" maxlength="100" required></label>
  <label>Role<select name="role">${choices.map((r) => html`<option value="${r}">${r}</option>`)}</select></label>
  <button type="submit">Issue key</button>
</form>`;
  }

  app.get('/settings/api-keys', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    return sendPage(reply, { title: 'API keys', principal, body: await keysPage(principal, formToken(reply)) });
  });

  app.post('/settings/api-keys', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const form = IssueForm.safeParse(request.body ?? {});
    if (!form.success) throw new HttpProblem(400, 'invalid_form', 'give the key a name (1-100 characters) and a role');
    const issued = await issueApiKey(account, principal, form.data.name, form.data.role);
    const notice = html`<p class="ok">Key “${form.data.name}” issued. Copy it now: it is shown only once, and NAVcast keeps only its hash.</p>
<p class="secret">${issued.key}</p>`;
    return sendPage(reply, { title: 'API keys', principal, body: await keysPage(principal, formToken(reply), notice) });
  });

  app.post('/settings/api-keys/:keyId/revoke', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const params = KeyParams.safeParse(request.params);
    if (!params.success) throw new HttpProblem(404, 'api_key_not_found', 'no such API key');
    await revokeApiKey(account, principal, params.data.keyId);
    return reply.redirect('/settings/api-keys', 303);
  });
}
