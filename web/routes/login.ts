import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { loginCandidates, type LoginCandidate } from '../services/auth/loginCandidates.js';
import { hashPassword, verifyPassword } from '../services/auth/passwords.js';
import { EmailAddress } from '../../domain/organizations/index.js';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { csrfTokenFor } from '../auth/csrf.js';
import type { SessionStore } from '../services/auth/sessions.js';
import { html, type SafeHtml } from '../../domain/render/html.js';
import { renderPage } from '../views/layout.js';

/** What the login routes need from the app. */
export interface LoginDependencies {
  readonly sessions: SessionStore;
  readonly secureCookies: boolean;
  /** Sign-in looks users up only through web.login_candidates (services/auth/loginCandidates.ts). */
  readonly pool: Parameters<typeof loginCandidates>[0]['pool'];
  /** Extra sign-in options shown under the form (e.g. the OIDC button), if configured. */
  readonly alternatives?: () => SafeHtml | undefined;
}

const LoginForm = z.object({
  email: z.string().max(320).default(''),
  password: z.string().max(1024).default(''),
  next: z.string().max(2048).default('/'),
  org: z.string().max(64).optional(),
});

type Candidate = LoginCandidate;

/** Only same-site paths: an attacker-supplied `next` must not turn login into an open redirect. */
export function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

// A real hash to verify against when no account matches, so that an unknown address takes as
// long as a wrong password (no account enumeration by timing). Computed once, lazily.
let decoyHash: Promise<string> | undefined;
async function decoy(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-never-valid');
  return decoyHash;
}

function loginPage(reply: FastifyReply, options: { next: string; email?: string; error?: string; choices?: Candidate[] }, alternatives?: SafeHtml): string {
  const token = csrfTokenFor(reply);
  const choice =
    options.choices === undefined
      ? html``
      : html`<label>Organisation<select name="org">${options.choices.map((c) => html`<option value="${c.tenant_id}">${c.organization_name}</option>`)}</select></label>`;
  const body = html`${options.error === undefined ? html`` : html`<p class="error" role="alert">${options.error}</p>`}
<form class="stacked" method="post" action="/login">
  <input type="hidden" name="_csrf" value="${token}">
  <input type="hidden" name="next" value="${options.next}">
  <label>E-mail<input type="email" name="email" autocomplete="username" required value="${options.email ?? ''}"></label>
  <label>Password<input type="password" name="password" autocomplete="current-password" required></label>
  ${choice}
  <button type="submit">Sign in</button>
  <a href="/password/forgot">Forgot your password?</a>
</form>
${alternatives ?? html``}`;
  return renderPage({ title: 'Sign in', principal: undefined, body }).value;
}

/** GET/POST /login and POST /logout: local accounts with server-side sessions. */
export function registerLoginRoutes(app: FastifyInstance, deps: LoginDependencies): void {
  const loginLimit = { max: 10, timeWindow: '1 minute' };

  app.get('/login', { config: { access: { public: 'the sign-in form' } } }, async (request, reply) => {
    const next = safeNext((request.query as { next?: string }).next);
    return reply.type('text/html; charset=utf-8').send(loginPage(reply, { next }, deps.alternatives?.()));
  });

  app.post('/login', { config: { access: { public: 'signing in' }, rateLimit: loginLimit } }, async (request, reply) => {
    const form = LoginForm.parse(request.body ?? {});
    const next = safeNext(form.next);
    const email = EmailAddress.safeParse(form.email);
    const candidates = email.success ? await loginCandidates(deps, email.data) : [];
    const matches: Candidate[] = [];
    for (const candidate of candidates) if (await verifyPassword(form.password, candidate.password_hash)) matches.push(candidate);
    if (candidates.length === 0) await verifyPassword(form.password, await decoy());
    const chosen = matches.length === 1 ? matches[0] : matches.find((m) => m.tenant_id === form.org);
    if (chosen === undefined && matches.length > 1) {
      const page = loginPage(reply, { next, email: form.email, choices: matches, error: 'This address has accounts in several organisations: choose one.' });
      return reply.code(200).type('text/html; charset=utf-8').send(page);
    }
    if (chosen === undefined) {
      const page = loginPage(reply, { next, email: form.email, error: 'The e-mail address or the password is not right.' }, deps.alternatives?.());
      return reply.code(401).type('text/html; charset=utf-8').send(page);
    }
    await startSession(request, reply, deps, { orgId: chosen.tenant_id, userId: chosen.user_id }, 'password');
    return reply.redirect(next, 303);
  });

  app.post('/logout', { config: { access: { role: 'viewer' } } }, async (request, reply) => {
    const principal = request.principal;
    if (principal?.kind === 'session') await deps.sessions.end(principal.sessionHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
}

/**
 * Starts a session after a successful sign-in (password or OIDC): ends the session the
 * browser had, if any (rotation: an id planted before sign-in is worthless after it), and
 * sets the new id in a signed, httpOnly, SameSite=Lax cookie, Secure over HTTPS.
 */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Pick<LoginDependencies, 'sessions' | 'secureCookies'>,
  user: { orgId: string; userId: string },
  method: 'password' | 'oidc',
): Promise<void> {
  if (request.principal?.kind === 'session') await deps.sessions.end(request.principal.sessionHash);
  const session = await deps.sessions.start(user, method);
  reply.setCookie(SESSION_COOKIE, session.id, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.secureCookies,
    path: '/',
    expires: session.expiresAt,
  });
}
