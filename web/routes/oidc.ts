import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { resolveOidcAccount } from '../services/auth/oidcAccounts.js';
import { OidcClient } from '../auth/oidcClient.js';
import { OidcRefusal } from '../auth/oidcErrors.js';
import { verifyIdToken } from '../auth/oidcIdToken.js';
import { OIDC_LOGIN_SECONDS, oidcLoginStore, type OidcLoginStore, type PendingOidcLogin } from '../services/auth/oidcLogins.js';
import type { WebContext } from '../context.js';
import { html, type SafeHtml } from '../../domain/render/html.js';
import { safeNext, startSession } from './login.js';

/** Signed, httpOnly cookie binding a sign-in under way to the browser that started it. */
export const OIDC_STATE_COOKIE = 'navcast_oidc_state';
const COOKIE_PATH = '/auth/oidc';

const StartQuery = z.object({ next: z.string().max(2048).optional() });
const CallbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(1024).optional(),
  // RFC 9207: the provider names itself in the response (mix-up defence) when it supports it.
  iss: z.string().max(2048).optional(),
});

/**
 * OIDC sign-in, authorization code flow with PKCE (S256):
 * - GET /auth/oidc/login stores a fresh state, nonce and code verifier (web.oidc_logins),
 *   puts the state in a signed cookie and sends the browser to the provider;
 * - GET /auth/oidc/callback checks that the state matches the cookie and is unused, takes it
 *   (single use), exchanges the code with the verifier, verifies the ID token
 *   (web/auth/oidcIdToken.ts), maps it to a user (web/auth/oidcAccounts.ts, where the
 *   mapping rules are) and starts a session like a password sign-in.
 * Every failure is an OidcRefusal: an error page naming the reason, and no session.
 */
export function registerOidcRoutes(app: FastifyInstance, ctx: WebContext): void {
  const settings = ctx.oidc;
  const client = settings === undefined ? undefined : new OidcClient(settings);
  const logins = oidcLoginStore(ctx);
  const configured = (): OidcClient => {
    if (client === undefined) throw new OidcRefusal('oidc_not_configured');
    return client;
  };

  const startLimit = { max: 30, timeWindow: '1 minute' };
  app.get('/auth/oidc/login', { config: { access: { public: 'starts a sign-in at the identity provider' }, rateLimit: startLimit } }, async (request, reply) => {
    const oidc = configured();
    const login = await logins.begin(safeNext(StartQuery.parse(request.query).next));
    const target = await oidc.authorizationUrl(login);
    reply.setCookie(OIDC_STATE_COOKIE, login.state, {
      signed: true,
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
      sameSite: 'lax',
      secure: ctx.secureCookies,
      path: COOKIE_PATH,
      maxAge: OIDC_LOGIN_SECONDS,
    });
    return reply.redirect(target, 303);
  });

  const finishSignIn = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const oidc = configured();
    const query = CallbackQuery.parse(request.query);
    const pending = await takePendingLogin(request, reply, logins, query.state);
    if (query.error !== undefined) throw new OidcRefusal('oidc_provider_error', query.error_description === undefined ? query.error : `${query.error}: ${query.error_description}`);
    if (query.code === undefined) throw new OidcRefusal('oidc_provider_error', 'no authorization code');
    const { issuer, keys } = await oidc.provider();
    if (query.iss !== undefined && query.iss !== issuer) throw new OidcRefusal('oidc_provider_error', `the response names issuer ${query.iss}`);
    const idToken = await oidc.exchangeCode(query.code, pending.codeVerifier);
    const identity = await verifyIdToken(idToken, { issuer, clientId: oidc.settings.clientId, nonce: pending.nonce, keys, now: ctx.now() });
    const account = await resolveOidcAccount(ctx, issuer, identity);
    if (account.claimedRoleIgnored !== undefined) {
      request.log.warn(
        { orgId: account.orgId, userId: account.userId, recordedRole: account.role, claimedRole: account.claimedRoleIgnored },
        'OIDC cognito:groups names another role than the one recorded; the recorded role applies',
      );
    }
    await startSession(request, reply, ctx, { orgId: account.orgId, userId: account.userId }, 'oidc');
    return reply.redirect(pending.next, 303);
  };

  app.get('/auth/oidc/callback', { config: { access: { public: 'the identity provider sends the browser back here' } } }, async (request, reply) => {
    try {
      return await finishSignIn(request, reply);
    } catch (error) {
      // Refusals are 4xx pages, which the error handler does not log; operators want to see them.
      if (error instanceof OidcRefusal) request.log.warn({ code: error.code, detail: error.detail }, 'OIDC sign-in refused');
      throw error;
    }
  });
}

/** The state must be the one this browser's cookie carries and still be in the store (then it is used up). */
async function takePendingLogin(request: FastifyRequest, reply: FastifyReply, logins: OidcLoginStore, state: string | undefined): Promise<PendingOidcLogin> {
  const raw = request.cookies[OIDC_STATE_COOKIE];
  reply.clearCookie(OIDC_STATE_COOKIE, { path: COOKIE_PATH });
  if (state === undefined) throw new OidcRefusal('oidc_state_invalid', 'no state in the callback');
  const cookie = raw === undefined ? undefined : request.unsignCookie(raw);
  if (cookie === undefined || !cookie.valid || cookie.value !== state) {
    throw new OidcRefusal('oidc_state_invalid', 'the state does not belong to this browser; start the sign-in again');
  }
  const pending = await logins.consume(state);
  if (pending === undefined) throw new OidcRefusal('oidc_state_invalid', 'start the sign-in again');
  return pending;
}

/** The sign-in option shown under the password form when OIDC is configured. */
export function oidcLoginOption(ctx: WebContext): SafeHtml | undefined {
  return ctx.oidc === undefined ? undefined : html`<p class="oidc-login"><a class="button" href="/auth/oidc/login">Sign in with your organisation's identity provider</a></p>`;
}
