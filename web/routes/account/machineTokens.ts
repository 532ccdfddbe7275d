import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Label, MachineScope } from '../../../domain/organizations/index.js';
import { tenantPrincipal } from '../../auth/access.js';
import type { TenantPrincipal } from '../../auth/principal.js';
import { HttpProblem } from '../../problems.js';
import { html, type SafeHtml } from '../../../domain/render/html.js';
import { issueMachineToken, listedMachineTokens, revokeMachineToken, rotateMachineToken, type ListedMachineToken } from '../../services/keys.js';
import type { AccountContext } from '../../services/organizations.js';
import { formToken, sendPage, shownTime } from './accountKit.js';

const IssueForm = z.object({ nodeName: Label, scopes: z.string().max(1000) });
const TokenParams = z.object({ tokenId: z.uuid() });

function tokenIdOf(params: unknown): string {
  const parsed = TokenParams.safeParse(params);
  if (!parsed.success) throw new HttpProblem(404, 'machine_token_not_found', 'no such machine token');
  return parsed.data.tokenId;
}

function tokenRow(token: ListedMachineToken, csrf: string): SafeHtml {
  const actions =
    token.revokedAt === null
      ? html`<form method="post" action="/admin/machine-tokens/${token.tokenId}/rotate"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="secondary">Rotate</button></form>
      <form method="post" action="/admin/machine-tokens/${token.tokenId}/revoke"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="secondary">Revoke</button></form>`
      : html`<span class="muted">revoked ${shownTime(token.revokedAt)}</span>`;
  return html`<tr><td>${token.nodeName}</td><td>${token.scopes.join(', ')}</td><td>${shownTime(token.issuedAt)}</td><td>${shownTime(token.rotatedAt)}</td><td>${shownTime(token.lastUsedAt)}</td><td>${actions}</td></tr>`;
}

/** /admin/machine-tokens for super_admins: list, issue, rotate (new secret shown once), revoke. */
export function registerMachineTokenPages(app: FastifyInstance, account: AccountContext): void {
  const access = { role: 'super_admin' as const };

  async function tokensPage(principal: TenantPrincipal, csrf: string, notice?: SafeHtml): Promise<SafeHtml> {
    const tokens = await listedMachineTokens(account, principal);
    return html`${notice ?? html``}<div class="table-wrap"><table><thead><tr><th>Node</th><th>Scopes</th><th>Issued</th><th>Rotated</th><th>Last used</th><th></th></tr></thead>
<tbody>${tokens.map((t) => tokenRow(t, csrf))}</tbody></table></div>
<h2>Issue a token</h2>
<form class="stacked" method="post" action="/admin/machine-tokens">
  <input type="hidden" name="_csrf" value="${csrf}">
  <label>Node name<input name="nodeName" maxlength="100" required></label>
  <label>Scopes (comma-separated, e.g. runs:claim, runs:report)<input name="scopes" required></label>
  <button type="submit">Issue token</button>
</form>`;
  }
  const shownOnce = (what: string, token: string): SafeHtml => html`<p class="ok">${what} Copy the token now: it is shown only once.</p><p class="secret">${token}</p>`;

  app.get('/admin/machine-tokens', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    return sendPage(reply, { title: 'Machine tokens', principal, body: await tokensPage(principal, formToken(reply)) });
  });

  app.post('/admin/machine-tokens', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const form = IssueForm.safeParse(request.body ?? {});
    const scopes = form.success
      ? form.data.scopes
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : [];
    if (!form.success || scopes.length === 0 || !scopes.every((s) => MachineScope.safeParse(s).success)) {
      throw new HttpProblem(400, 'invalid_form', 'give a node name and one or more scopes such as runs:claim');
    }
    const issued = await issueMachineToken(account, principal, form.data.nodeName, scopes);
    const notice = shownOnce(`Token for ${form.data.nodeName} issued.`, issued.token);
    return sendPage(reply, { title: 'Machine tokens', principal, body: await tokensPage(principal, formToken(reply), notice) });
  });

  app.post('/admin/machine-tokens/:tokenId/rotate', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const rotated = await rotateMachineToken(account, principal, tokenIdOf(request.params));
    const notice = shownOnce('Token rotated; the previous secret no longer works.', rotated.token);
    return sendPage(reply, { title: 'Machine tokens', principal, body: await tokensPage(principal, formToken(reply), notice) });
  });

  app.post('/admin/machine-tokens/:tokenId/revoke', { config: { access } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    await revokeMachineToken(account, principal, tokenIdOf(request.params));
    return reply.redirect('/admin/machine-tokens', 303);
  });
}
