import { NavcastError } from '../domain/errors.js';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { ParserPool } from '../commands/ingest/index.js';
import type { BlobStore } from '../domain/ports/blobStore.js';
import { enforceAccessDeclarations, tenantPrincipal, type DeclaredRoute } from './auth/access.js';
import { installAuthentication } from './auth/authenticate.js';
import { installCsrfProtection } from './auth/csrf.js';
import { defaultSessionPolicy, SessionStore, type SessionPolicy } from './services/auth/sessions.js';
import { HttpProblem, installProblemHandlers } from './problems.js';
import { ApiCatalogue, type ApiRateLimit } from './api/apiRoute.js';
import { ConditionalReads } from './api/conditional.js';
import { ResponseCache } from './api/responseCache.js';
import { registerAccountApi } from './api/accountApi.js';
import { registerAdminApi } from './api/adminApi.js';
import { registerClientApi } from './api/clientApi.js';
import { createBearerResolvers } from './services/auth/bearerResolvers.js';
import type { OidcSettings, WebContext } from './context.js';
import { logsOver } from './services/eventLogs.js';
import { registerAccountRoutes } from './routes/account.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerClientRoutes } from './routes/client.js';
import { registerLoginRoutes } from './routes/login.js';
import { oidcLoginOption, registerOidcRoutes } from './routes/oidc.js';
import { registerOpenApiRoute } from './api/openApiRoute.js';
import { installContractCheck } from './api/contractCheck.js';
import { accountContext } from './services/organizations.js';
import { pingDatabase } from './services/health.js';
import { recordRequestAccess } from './services/accessLog.js';
import { tenantCheckpoint } from './services/tenantData.js';
import { registerPublicRoutes } from './routes/public.js';
import { registerApiReference } from './routes/apiReference.js';
import { registerSetupRoutes } from './routes/setup.js';
import { trustedProxyProblem } from './trustedProxies.js';

/** What the web app needs from its composition root (ops/server/main.ts, or a test). */
export interface AppDependencies {
  /** Pool of the application role navcast_app (RLS forced): every tenant read goes through it. */
  readonly pool: pg.Pool;
  /** Where uploaded workbooks are kept. */
  readonly blobs?: BlobStore;
  /**
   * The worker pool that parses uploads (its limits come from the configuration); absent: the
   * app starts a one-worker pool of its own and closes it with the app.
   */
  readonly parsers?: ParserPool;
  /** Key that signs the session and CSRF cookies: at least 32 characters, kept out of logs. */
  readonly cookieSecret: string;
  /** True when served over HTTPS: cookies get the Secure attribute, responses HSTS and upgrade-insecure-requests. */
  readonly secureCookies?: boolean;
  readonly sessionPolicy?: SessionPolicy;
  /**
   * Waits until the projections have applied every event appended so far. Routes call it
   * after a command and before redirecting, so the next page shows what the user just did.
   * Without it, read models are eventually consistent (the projector runs beside the app).
   */
  readonly settleProjections?: () => Promise<void>;
  /**
   * One-time token of the first-run setup page (/setup?token=...), printed by `npm start`
   * when no platform organisation exists; absent: no setup page.
   */
  readonly setupToken?: string;
  /**
   * Reverse proxies (addresses, CIDR ranges, loopback/linklocal/uniquelocal) whose
   * X-Forwarded-For is believed: the client address then comes from that header for rate
   * limits and the access log. Absent or empty: the socket's address is the client's and the
   * header is ignored (a client could otherwise pick the address it is limited under).
   */
  readonly trustedProxies?: readonly string[];
  /** The portal's public address (https://...), for absolute links in mails. */
  readonly publicUrl?: string;
  /** OpenID Connect sign-in; absent: local accounts only. */
  readonly oidc?: OidcSettings;
  /** Extra facts for /healthz (the composition root reports the projector's notifications). */
  readonly health?: () => Record<string, unknown>;
  readonly logLevel?: string;
  /** Where request logs go (default stdout); tests read them to check that no secret is logged. */
  readonly logStream?: NodeJS.WritableStream;
  /** The clock; tests move it to expire sessions and tokens. */
  readonly now?: () => Date;
  /** Check every JSON API response against /openapi.json (web/api/contractCheck.ts); on in tests. */
  readonly checkResponses?: boolean;
  /** Requests per window for each API key, session user or machine token on the JSON API (default 1200 a minute). */
  readonly apiRateLimit?: ApiRateLimit;
  /** Bytes of serialized API responses kept for repeated reads (default 32 MiB; 0: none). docs/architecture.md "Conditional reads". */
  readonly responseCacheBytes?: number;
}

/** The built app and the declared access rule of every route (for tests and /openapi.json). */
export interface PortalApp {
  readonly app: FastifyInstance;
  readonly routes: readonly DeclaredRoute[];
  /** The shared context route modules were given (tests use its stores). */
  readonly context: WebContext;
}

/** Raised when the app is built with a configuration that would be unsafe to serve. */
export class WebConfigError extends NavcastError {
  readonly code = 'web_config_invalid';
  readonly status = 500;
}

/** Twenty requests a second sustained per key or person: a spreadsheet refresh or a script's loop, not a flood. */
const DEFAULT_API_RATE_LIMIT: ApiRateLimit = { max: 1200, timeWindow: '1 minute' };

/**
 * Builds the Fastify app as a plugin tree without listening: tests call `inject`, and only
 * web/server.ts listens. Order matters: security headers, cookies and form parsing first;
 * then the access-declaration check (before any route exists), authentication, CSRF and
 * the error handlers; then the routes.
 */
export async function buildApp(deps: AppDependencies): Promise<PortalApp> {
  if (deps.cookieSecret.length < 32) throw new WebConfigError('the cookie secret must have at least 32 characters');
  const proxies = deps.trustedProxies ?? [];
  const proxyProblem = trustedProxyProblem(proxies);
  if (proxyProblem !== undefined) throw new WebConfigError(`trusted proxies: ${proxyProblem}`);
  const app = Fastify({
    trustProxy: proxies.length === 0 ? false : [...proxies],
    logger:
      deps.logLevel === undefined || deps.logLevel === 'silent'
        ? false
        : { level: deps.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'], ...(deps.logStream === undefined ? {} : { stream: deps.logStream }) },
    bodyLimit: 1024 * 1024,
  });
  const routes: DeclaredRoute[] = [];
  const now = deps.now ?? (() => new Date());
  const parsers = deps.parsers ?? new ParserPool();
  if (deps.parsers === undefined) app.addHook('onClose', () => parsers.close());
  const ctx: WebContext = {
    pool: deps.pool,
    ...logsOver(deps.pool),
    blobs: deps.blobs,
    readWorkbook: parsers.read,
    sessions: new SessionStore(deps.pool, deps.sessionPolicy ?? defaultSessionPolicy, now),
    secureCookies: deps.secureCookies ?? false,
    oidc: deps.oidc,
    publicUrl: deps.publicUrl?.replace(/\/+$/, ''),
    catalogue: new ApiCatalogue(
      new ConditionalReads(
        async (request) => {
          const principal = tenantPrincipal(request);
          return { orgId: principal.orgId, checkpoint: await tenantCheckpoint(deps.pool, principal) };
        },
        new ResponseCache(deps.responseCacheBytes ?? 32 * 1024 * 1024),
      ),
      deps.apiRateLimit ?? DEFAULT_API_RATE_LIMIT,
      (request, target) => recordRequestAccess({ pool: deps.pool, now }, request, target),
    ),
    now,
    settleProjections: deps.settleProjections ?? (async () => {}),
  };

  // upgrade-insecure-requests and HSTS only when the portal is served over HTTPS: on plain
  // HTTP (a laptop on a LAN) they would send the stylesheet and forms to an https:// that
  // does not exist, leaving the page unstyled and sign-in broken.
  const https = deps.secureCookies ?? false;
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyCookie, { secret: deps.cookieSecret });
  await app.register(fastifyFormbody);
  // Fastify reads text/plain bodies by default; no route takes one, so a JSON endpoint sent
  // text/plain answers 415 unsupported_media_type like any other unaccepted type.
  app.removeContentTypeParser('text/plain');
  // RateLimit-Limit, -Remaining and -Reset (the IETF draft's names) on every limited route,
  // Retry-After and a rate_limited problem when a limit is reached.
  await app.register(fastifyRateLimit, {
    global: false,
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) => new HttpProblem(429, 'rate_limited', `too many requests: at most ${context.max} in this window; retry in ${context.after}`),
  });
  enforceAccessDeclarations(app, routes);
  installAuthentication(app, ctx.sessions, createBearerResolvers(ctx));
  await installCsrfProtection(app, ctx.secureCookies);
  installProblemHandlers(app);
  if (deps.checkResponses === true) installContractCheck(app);

  registerPublicRoutes(app, () => pingDatabase(deps.pool), deps.health);
  registerApiReference(app);
  registerLoginRoutes(app, { sessions: ctx.sessions, secureCookies: ctx.secureCookies, pool: ctx.pool, alternatives: () => oidcLoginOption(ctx) });
  registerSetupRoutes(app, ctx, deps.setupToken);
  registerOidcRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerClientRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerAccountApi(app, accountContext(ctx));
  registerClientApi(app, ctx);
  registerAdminApi(app, ctx);
  registerOpenApiRoute(app, ctx.catalogue, ctx.publicUrl);
  await app.ready();
  return { app, routes, context: ctx };
}
