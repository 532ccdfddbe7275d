import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { hashPassword, PasswordPolicyError } from '../services/auth/passwords.js';
import { bootstrapPlatform, platformExists } from '../services/setup.js';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import { EmailAddress } from '../../domain/organizations/index.js';
import { csrfTokenFor } from '../auth/csrf.js';
import type { WebContext } from '../context.js';
import { HttpProblem } from '../problems.js';
import { html } from '../../domain/render/html.js';
import { renderPage } from '../views/layout.js';
import { startSession } from './login.js';

const SetupForm = z.object({ token: z.string().max(200).default(''), email: z.string().max(320).default(''), password: z.string().max(1024).default('') });

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function setupPage(reply: FastifyReply, token: string, error?: string): string {
  const body = html`<p>No administrator exists yet. Create the platform's first super_admin: they create client organisations and invite their users.</p>
${error === undefined ? html`` : html`<p class="error" role="alert">${error}</p>`}
<form class="stacked" method="post" action="/setup">
  <input type="hidden" name="_csrf" value="${csrfTokenFor(reply)}">
  <input type="hidden" name="token" value="${token}">
  <label>Your e-mail<input type="email" name="email" autocomplete="username" required></label>
  <label>Password (at least 12 characters)<input type="password" name="password" autocomplete="new-password" minlength="12" required></label>
  <button type="submit">Create the administrator</button>
</form>`;
  return renderPage({ title: 'First-run setup', principal: undefined, body }).value;
}

/**
 * First-run setup for `npm start` on an empty system: the server prints a one-time link with
 * a random token; whoever holds it creates the platform organisation and its first
 * super_admin (the same BootstrapPlatform command as `navcast admin bootstrap`). Once the
 * platform exists, or without the token, the route answers 404 and reveals nothing.
 */
export function registerSetupRoutes(app: FastifyInstance, ctx: WebContext, setupToken: string | undefined): void {
  const access = { public: 'first-run setup: only with the one-time token printed at start, only while no platform organisation exists' };
  const guard = async (token: string): Promise<void> => {
    if (setupToken === undefined || !sameToken(token, setupToken) || (await platformExists(ctx))) {
      throw new HttpProblem(404, 'not_found', 'nothing here');
    }
  };

  app.get('/setup', { config: { access, rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = String((request.query as { token?: unknown }).token ?? '');
    await guard(token);
    return reply.type('text/html; charset=utf-8').send(setupPage(reply, token));
  });

  app.post('/setup', { config: { access, rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const form = SetupForm.parse(request.body ?? {});
    await guard(form.token);
    const email = EmailAddress.safeParse(form.email);
    if (!email.success)
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(setupPage(reply, form.token, 'That is not an e-mail address.'));
    let passwordHash: string;
    try {
      passwordHash = await hashPassword(form.password);
    } catch (error) {
      if (!(error instanceof PasswordPolicyError)) throw error;
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(setupPage(reply, form.token, `The password was refused: ${error.message}.`));
    }
    const userId = await bootstrapPlatform(ctx, email.data, passwordHash);
    await startSession(request, reply, ctx, { orgId: PLATFORM_TENANT_ID, userId }, 'password');
    return reply.redirect('/', 303);
  });
}
