import type pg from 'pg';
import type { PgEventLog } from '../commands/eventLog/index.js';
import type { PgMultiStreamLog } from '../commands/funds/index.js';
import type { WorkbookReader } from '../commands/ingest/index.js';
import type { BlobStore } from '../domain/ports/blobStore.js';
import type { ApiCatalogue } from './api/apiRoute.js';
import type { SessionStore } from './services/auth/sessions.js';

/** OpenID Connect settings (authorization code with PKCE); absent means local accounts only. */
export interface OidcSettings {
  /** Issuer URL; discovery reads `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  /** Where the provider sends the browser back: `<public url>/auth/oidc/callback`. */
  readonly redirectUri: string;
}

/** Everything route modules share, built once by buildApp. */
export interface WebContext {
  /** navcast_app pool (RLS forced). */
  readonly pool: pg.Pool;
  /** The event log as navcast_app, for command handlers of one stream. */
  readonly log: PgEventLog;
  /** Multi-stream appends in one transaction (uploads). */
  readonly multiLog: PgMultiStreamLog;
  readonly blobs: BlobStore | undefined;
  /** Reads uploaded workbooks off the event loop (a ParserPool's `read`). */
  readonly readWorkbook: WorkbookReader;
  readonly sessions: SessionStore;
  readonly secureCookies: boolean;
  readonly oidc: OidcSettings | undefined;
  /**
   * The address users reach the portal at (NAVCAST_PUBLIC_URL, no trailing slash), for links
   * in mails; never taken from a request's Host header, which a client controls.
   */
  readonly publicUrl: string | undefined;
  readonly catalogue: ApiCatalogue;
  readonly now: () => Date;
  /** Waits for the projections to apply what was just appended (see AppDependencies). */
  settleProjections(): Promise<void>;
}
