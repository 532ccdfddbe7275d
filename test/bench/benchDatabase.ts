import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedCluster, type RunningCluster } from '../../ops/db/embeddedPostgres.js';

/** A fresh, empty database for one benchmark run, and how to remove it (and its cluster). */
export interface BenchDatabase {
  /** Superuser (migration owner) URL of the new database. */
  readonly ownerUrl: string;
  cleanup(): Promise<void>;
}

/**
 * Creates a database named `<prefix>_<random>` on the server DATABASE_URL names, or on an
 * embedded cluster started for the run (with `settings` as extra `-c` options).
 */
export async function openBenchDatabase(prefix: string, settings?: Record<string, string>): Promise<BenchDatabase> {
  let cluster: RunningCluster | undefined;
  let dataRoot: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (adminUrl === undefined || adminUrl === '') {
    dataRoot = mkdtempSync(join(tmpdir(), 'navcast-bench-pg-'));
    // initdb runs as the unprivileged postgres user when we are root: it must reach the folder.
    chmodSync(dataRoot, 0o755);
    cluster = await startEmbeddedCluster({ dataDir: join(dataRoot, 'data'), password: 'navcast-bench', persistent: false, settings });
    adminUrl = cluster.adminUrl;
  }
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const serverUrl = adminUrl;
  return {
    ownerUrl: url.toString(),
    async cleanup() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      await cluster?.stop();
      if (dataRoot !== undefined) rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}
