import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EmailAddress } from '../../../domain/organizations/index.js';
import { withTenant } from '../../../read-models/index.js';
import { accountTokenPath, queueMail } from '../../auth/tokens.js';
import { html } from '../../../domain/render/html.js';
import { type AccountContext, formToken, invalidLink, linkToken, runOrganizationCommand, sendPage } from './accountKit.js';
import { chosenPasswordHash, NewPasswordForm, newPasswordForm } from './passwordForms.js';

const ForgotForm = z.object({ email: z.string().max(320).default('') });

/** The one answer to a reset request, whether or not the address has an account (no enumeration). */
const sentNotice = 'If an account exists for that address, we have sent it a link to choose a new password. The link works once, within an hour.';

/** How many reset requests and reset submissions one client may make per minute. */
export const passwordResetLimit = { max: 5, timeWindow: '1 minute' };

/**
 * Password reset: GET/POST /password/forgot mails a single-use link (via web.mail_outbox) to
 * every active account with the address; GET/POST /password/reset/:token sets the new
 * password and ends every session of the account.
 */
export function registerPasswordResetRoutes(app: FastifyInstance, account: AccountContext): void {
  const { ctx, tokens } = account;

  app.get('/password/forgot', { config: { access: { public: 'asking for a password reset link' } } }, async (_request, reply) => {
    const body = html`<form class="stacked" method="post" action="/password/forgot">
  <input type="hidden" name="_csrf" value="${formToken(reply)}">
  <label>E-mail<input type="email" name="email" autocomplete="username" required></label>
  <button type="submit">Send me a link</button>
</form>`;
    return sendPage(reply, { title: 'Forgot your password?', principal: undefined, body });
  });

  app.post('/password/forgot', { config: { access: { public: 'asking for a password reset link' }, rateLimit: passwordResetLimit } }, async (request, reply) => {
    const email = EmailAddress.safeParse(ForgotForm.parse(request.body ?? {}).email);
    if (email.success) {
      const { rows } = await ctx.pool.query<{ tenant_id: string; user_id: string; organization_name: string }>('SELECT * FROM web.password_reset_candidates($1)', [email.data]);
      for (const account of rows) {
        await withTenant(ctx.pool, account.tenant_id, async (db) => {
          const token = await tokens.issue(db, { tenantId: account.tenant_id, userId: account.user_id }, 'password_reset');
          const body = `Someone asked to reset the password of your NAVcast account at ${account.organization_name}.\n\nOpen ${ctx.publicUrl ?? ''}${accountTokenPath('password_reset', token)}${ctx.publicUrl === undefined ? ' on the NAVcast portal' : ''} within an hour to choose a new one. If it was not you, ignore this mail.`;
          await queueMail(db, { tenantId: account.tenant_id, to: email.data, subject: 'Reset your NAVcast password', body, at: ctx.now() });
        });
      }
    }
    return sendPage(reply, { title: 'Check your mail', principal: undefined, body: html`<p>${sentNotice}</p><p><a href="/login">Back to sign in</a></p>` });
  });

  app.get('/password/reset/:token', { config: { access: { public: 'resetting a password: the link is the credential' } } }, async (request, reply) => {
    const token = linkToken(request.params);
    const holder = await tokens.peek(token, 'password_reset');
    if (holder === undefined) throw invalidLink();
    const body = newPasswordForm({ action: `/password/reset/${token}`, csrf: formToken(reply), email: holder.email, button: 'Set the new password' });
    return sendPage(reply, { title: 'Choose a new password', principal: undefined, body });
  });

  app.post('/password/reset/:token', { config: { access: { public: 'resetting a password: the link is the credential' }, rateLimit: passwordResetLimit } }, async (request, reply) => {
    const token = linkToken(request.params);
    const chosen = await chosenPasswordHash(NewPasswordForm.parse(request.body ?? {}));
    if ('error' in chosen) {
      const holder = await tokens.peek(token, 'password_reset');
      if (holder === undefined) throw invalidLink();
      const body = newPasswordForm({ action: `/password/reset/${token}`, csrf: formToken(reply), email: holder.email, button: 'Set the new password', error: chosen.error });
      return sendPage(reply, { title: 'Choose a new password', principal: undefined, body, status: 400 });
    }
    const holder = await tokens.redeem(token, 'password_reset');
    if (holder === undefined) throw invalidLink();
    const actor = { kind: 'user' as const, userId: holder.userId, orgId: holder.tenantId, role: holder.role };
    await runOrganizationCommand(ctx, actor, { type: 'SetUserPassword', orgId: holder.tenantId, userId: holder.userId, passwordHash: chosen.hash });
    // Whoever knew the old password (or held a session) is signed out everywhere.
    await ctx.sessions.endAllOf(holder.tenantId, holder.userId);
    const body = html`<p class="ok">Your password has been changed, and every session of your account has been ended.</p><p><a href="/login">Sign in</a></p>`;
    return sendPage(reply, { title: 'Password changed', principal: undefined, body });
  });
}
