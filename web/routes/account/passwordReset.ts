import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EmailAddress } from '../../../domain/organizations/index.js';
import { html } from '../../../domain/render/html.js';
import type { AccountContext } from '../../services/organizations.js';
import { mailPasswordResetLinks, setPasswordFromLink } from '../../services/users.js';
import { formToken, invalidLink, linkToken, sendPage } from './accountKit.js';
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
  const { tokens } = account;

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
    if (email.success) await mailPasswordResetLinks(account, email.data);
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
    await setPasswordFromLink(account, holder, chosen.hash);
    const body = html`<p class="ok">Your password has been changed, and every session of your account has been ended.</p><p><a href="/login">Sign in</a></p>`;
    return sendPage(reply, { title: 'Password changed', principal: undefined, body });
  });
}
