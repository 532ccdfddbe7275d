import { NavcastError } from '../domain/errors.js';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { ParserPoolOptions } from '../commands/ingest/index.js';
import type { OidcSettings } from '../web/context.js';
import { splitTrustedProxies, trustedProxyProblem } from '../web/trustedProxies.js';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const pgUrl = z.url({ protocol: /^postgres(ql)?$/ });

/** Environment variables NAVcast reads; `.env.example` documents each one. */
const Environment = z.object({
  DATABASE_URL: optionalText.pipe(pgUrl.optional()),
  NAVCAST_APP_DATABASE_URL: optionalText.pipe(pgUrl.optional()),
  NAVCAST_PROJECTOR_DATABASE_URL: optionalText.pipe(pgUrl.optional()),
  NAVCAST_ROLE_PASSWORD: optionalText.pipe(z.string().min(12).optional()),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  NAVCAST_DATA_DIR: z.string().default('.navcast'),
  NAVCAST_PROJECTOR_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  NAVCAST_PROJECTOR_BATCH: z.coerce.number().int().min(1).max(100_000).default(1000),
  NAVCAST_COOKIE_SECRET: optionalText.pipe(z.string().min(32).optional()),
  NAVCAST_PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  NAVCAST_BLOB_DIR: optionalText,
  NAVCAST_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform(splitTrustedProxies)
    .superRefine((entries, ctx) => {
      const problem = trustedProxyProblem(entries);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
  NAVCAST_OIDC_ISSUER: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  NAVCAST_OIDC_CLIENT_ID: optionalText,
  NAVCAST_OIDC_CLIENT_SECRET: optionalText,
  NAVCAST_UPLOAD_PARSERS: z.coerce.number().int().min(1).max(64).default(1),
  NAVCAST_UPLOAD_QUEUE: z.coerce.number().int().min(0).max(10_000).default(16),
  NAVCAST_UPLOAD_PARSE_TIMEOUT_S: z.coerce.number().min(1).max(3600).default(30),
  NAVCAST_UPLOAD_PARSE_MEMORY_MB: z.coerce.number().int().min(64).max(65_536).default(1024),
  NAVCAST_BLOB_SWEEP_INTERVAL_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(3600),
  NAVCAST_BLOB_SWEEP_GRACE_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The one validated configuration object of a NAVcast process. */
export interface Config {
  /** PostgreSQL URL of the migration owner; undefined means "start embedded PostgreSQL". */
  readonly databaseUrl: string | undefined;
  /**
   * Connections of the application and projector roles. When not both given, they are
   * derived from the owner URL and the role password, which is then set on the roles.
   */
  readonly roleUrls: { readonly app: string; readonly projector: string } | undefined;
  /** Password for the platform roles; undefined: a generated one kept in dataDir. */
  readonly rolePassword: string | undefined;
  readonly host: string;
  /** TCP port of the web server; 0 lets the kernel choose. */
  readonly port: number;
  /** Absolute folder for local state (embedded cluster data, generated secrets). */
  readonly dataDir: string;
  readonly projector: { readonly pollMs: number; readonly batchSize: number };
  readonly logLevel: z.infer<typeof Environment>['LOG_LEVEL'];
  /** Key that signs portal cookies; undefined: a generated one kept in dataDir. */
  readonly cookieSecret: string | undefined;
  /** The address users reach the portal at; https makes cookies Secure. */
  readonly publicUrl: string | undefined;
  /** Reverse proxies whose X-Forwarded-For gives the client address (empty: none). */
  readonly trustedProxies: readonly string[];
  /** Absolute folder of the local blob store (uploaded workbooks). */
  readonly blobDir: string;
  /** OIDC sign-in (NAVCAST_OIDC_*); undefined: local accounts only. */
  readonly oidc: OidcSettings | undefined;
  /** The upload parser pool (NAVCAST_UPLOAD_*): workers, queue, time and memory per workbook. */
  readonly uploadParsers: ParserPoolOptions;
  /** The orphan blob sweep (NAVCAST_BLOB_SWEEP_*): interval (0: at start only) and grace. */
  readonly blobSweep: { readonly intervalMs: number; readonly graceMs: number };
}

/** Raised when the environment does not describe a valid configuration. */
export class ConfigError extends NavcastError {
  readonly code = 'CONFIG_INVALID';
  readonly status = 500;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment (process.env by default) into a Config, or throws ConfigError
 * naming every invalid variable. Relative folders resolve against `cwd`.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): Config {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    roleUrls: e.NAVCAST_APP_DATABASE_URL !== undefined && e.NAVCAST_PROJECTOR_DATABASE_URL !== undefined ? { app: e.NAVCAST_APP_DATABASE_URL, projector: e.NAVCAST_PROJECTOR_DATABASE_URL } : undefined,
    rolePassword: e.NAVCAST_ROLE_PASSWORD,
    host: e.HOST,
    port: e.PORT,
    dataDir: resolve(cwd, e.NAVCAST_DATA_DIR),
    projector: { pollMs: e.NAVCAST_PROJECTOR_POLL_MS, batchSize: e.NAVCAST_PROJECTOR_BATCH },
    logLevel: e.LOG_LEVEL,
    cookieSecret: e.NAVCAST_COOKIE_SECRET,
    publicUrl: e.NAVCAST_PUBLIC_URL,
    trustedProxies: e.NAVCAST_TRUSTED_PROXIES,
    blobDir: resolve(cwd, e.NAVCAST_BLOB_DIR ?? resolve(e.NAVCAST_DATA_DIR, 'blobs')),
    oidc: oidcSettings(e),
    uploadParsers: {
      workers: e.NAVCAST_UPLOAD_PARSERS,
      queueLimit: e.NAVCAST_UPLOAD_QUEUE,
      timeoutMs: e.NAVCAST_UPLOAD_PARSE_TIMEOUT_S * 1000,
      maxHeapMb: e.NAVCAST_UPLOAD_PARSE_MEMORY_MB,
    },
    blobSweep: { intervalMs: e.NAVCAST_BLOB_SWEEP_INTERVAL_S * 1000, graceMs: e.NAVCAST_BLOB_SWEEP_GRACE_S * 1000 },
  };
}

/**
 * OIDC is on when NAVCAST_OIDC_ISSUER is set; it then needs the client id and the public
 * URL (the provider sends browsers back to `<public url>/auth/oidc/callback`, which must be
 * registered there exactly). A partial setting is an error, not a silent fallback.
 */
function oidcSettings(e: z.infer<typeof Environment>): OidcSettings | undefined {
  if (e.NAVCAST_OIDC_ISSUER === undefined) {
    if (e.NAVCAST_OIDC_CLIENT_ID !== undefined || e.NAVCAST_OIDC_CLIENT_SECRET !== undefined) {
      throw new ConfigError('invalid environment: NAVCAST_OIDC_CLIENT_ID/SECRET are set but NAVCAST_OIDC_ISSUER is not');
    }
    return undefined;
  }
  if (e.NAVCAST_OIDC_CLIENT_ID === undefined) throw new ConfigError('invalid environment: NAVCAST_OIDC_ISSUER needs NAVCAST_OIDC_CLIENT_ID');
  if (e.NAVCAST_PUBLIC_URL === undefined) throw new ConfigError('invalid environment: NAVCAST_OIDC_ISSUER needs NAVCAST_PUBLIC_URL (the callback address)');
  const redirectUri = `${e.NAVCAST_PUBLIC_URL.replace(/\/+$/, '')}/auth/oidc/callback`;
  const settings = { issuer: e.NAVCAST_OIDC_ISSUER, clientId: e.NAVCAST_OIDC_CLIENT_ID, redirectUri };
  return e.NAVCAST_OIDC_CLIENT_SECRET === undefined ? settings : { ...settings, clientSecret: e.NAVCAST_OIDC_CLIENT_SECRET };
}
