import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedCluster, type RunningCluster } from '../../ops/db/embeddedPostgres.js';
import { migrate } from '../../ops/db/migrate.js';
import { chromiumPath } from './chromium.js';

export const templateDatabase = 'navcast_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test cluster's `postgres` database. */
    pgAdminUrl: string;
  }
}

let cluster: RunningCluster | undefined;
let dataRoot: string | undefined;

/**
 * Starts one throwaway PostgreSQL cluster for the whole run (unless TEST_DATABASE_URL names
 * a server to use) and migrates a template database that every test file clones.
 */
export async function setup(project: TestProject): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl === undefined || adminUrl === '') {
    dataRoot = mkdtempSync(join(tmpdir(), 'navcast-test-pg-'));
    // initdb runs as the unprivileged postgres user when we are root: it must reach the folder.
    chmodSync(dataRoot, 0o755);
    cluster = await startEmbeddedCluster({
      dataDir: join(dataRoot, 'data'),
      password: 'navcast-test',
      persistent: false,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    adminUrl = cluster.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${templateDatabase}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateDatabase}`;
  await migrate(templateUrl.toString());
  project.provide('pgAdminUrl', adminUrl);
  // Unpacks the packaged Chromium once, before test files that launch it run side by side.
  await chromiumPath();
}

export async function teardown(): Promise<void> {
  if (cluster !== undefined) await cluster.stop();
  if (dataRoot !== undefined) rmSync(dataRoot, { recursive: true, force: true });
}
