import type { FastifyInstance } from 'fastify';
import { html } from '../../../domain/render/html.js';
import { startSession } from '../login.js';
import { type AccountContext, runOrganizationCommand } from '../../services/organizations.js';
import { formToken, invalidLink, linkToken, sendPage } from './accountKit.js';
import { chosenPasswordHash, NewPasswordForm, newPasswordForm } from './passwordForms.js';

/**
 * GET/POST /invitation/:token: an invited person chooses a password; the link is used at
 * that moment (single use), the account becomes active and the person is signed in.
 */
export function registerInvitationRoutes(app: FastifyInstance, account: AccountContext): void {
  const { ctx, tokens } = account;
  const limit = { max: 10, timeWindow: '1 minute' };

  app.get('/invitation/:token', { config: { access: { public: 'accepting an invitation: the link is the credential' } } }, async (request, reply) => {
    const token = linkToken(request.params);
    const holder = await tokens.peek(token, 'invitation');
    if (holder === undefined || holder.status !== 'invited') throw invalidLink();
    const form = newPasswordForm({ action: `/invitation/${token}`, csrf: formToken(reply), email: holder.email, button: 'Accept and sign in' });
    const body = html`<p>You are invited to <strong>${holder.organizationName}</strong> as ${holder.role}. Choose a password to accept.</p>${form}`;
    return sendPage(reply, { title: 'Accept your invitation', principal: undefined, body });
  });

  app.post('/invitation/:token', { config: { access: { public: 'accepting an invitation: the link is the credential' }, rateLimit: limit } }, async (request, reply) => {
    const token = linkToken(request.params);
    const form = NewPasswordForm.parse(request.body ?? {});
    const chosen = await chosenPasswordHash(form);
    if ('error' in chosen) {
      const holder = await tokens.peek(token, 'invitation');
      if (holder === undefined) throw invalidLink();
      const body = newPasswordForm({ action: `/invitation/${token}`, csrf: formToken(reply), email: holder.email, button: 'Accept and sign in', error: chosen.error });
      return sendPage(reply, { title: 'Accept your invitation', principal: undefined, body, status: 400 });
    }
    const holder = await tokens.redeem(token, 'invitation');
    if (holder === undefined || holder.status !== 'invited') throw invalidLink();
    const actor = { kind: 'user' as const, userId: holder.userId, orgId: holder.tenantId, role: holder.role };
    await runOrganizationCommand(ctx, actor, { type: 'AcceptInvitation', orgId: holder.tenantId, userId: holder.userId, passwordHash: chosen.hash });
    await startSession(request, reply, ctx, { orgId: holder.tenantId, userId: holder.userId }, 'password');
    return reply.redirect('/', 303);
  });
}
