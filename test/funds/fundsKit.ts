/** Shared set-up of the fund tests: a database, the log adapters, a local blob store, workbooks. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgEventLog, PgTenantFeed } from '../../commands/eventLog/index.js';
import { PgMultiStreamLog, type UploadDependencies } from '../../commands/funds/index.js';
import { createEventRegistry } from '../../domain/eventCatalogue.js';
import type { CommandMetadata } from '../../domain/organizations/index.js';
import { LocalBlobStore } from '../../ops/blobs/index.js';
import { allProjections, ProjectionRunner } from '../../projections/index.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';

export interface FundsFixture {
  readonly db: TestDatabase;
  readonly pool: pg.Pool;
  readonly log: PgEventLog;
  readonly deps: UploadDependencies;
  readonly blobs: LocalBlobStore;
  readonly blobRoot: string;
  /** Runs every projection up to the heads. */
  catchUp(): Promise<number>;
  close(): Promise<void>;
}

/** Opens a fresh database and a blob folder for one test file. */
export async function openFundsFixture(): Promise<FundsFixture> {
  const db = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: db.ownerUrl, max: 6 });
  const registry = createEventRegistry();
  const log = new PgEventLog(pool, registry);
  const blobRoot = await mkdtemp(join(tmpdir(), 'navcast-funds-'));
  const blobs = new LocalBlobStore(blobRoot);
  const runner = new ProjectionRunner({ pool, feed: new PgTenantFeed(pool, registry), projections: allProjections, owner: `test-${randomUUID()}` });
  return {
    db,
    pool,
    log,
    blobs,
    blobRoot,
    deps: { log: new PgMultiStreamLog(pool, registry), blobs },
    catchUp: () => runner.catchUp(),
    async close() {
      await pool.end();
      await db.drop();
      await rm(blobRoot, { recursive: true, force: true });
    },
  };
}

/** Metadata of a command by an operator (or the given actor), with a fresh command id. */
export function meta(actor: CommandMetadata['actor'] = { kind: 'operator', name: 'test' }, at = '2025-01-15T10:00:00.000Z'): CommandMetadata {
  return { commandId: randomUUID(), at, actor };
}

/** A member of `orgId` as a signed-in user. */
export const memberOf = (orgId: string, role: 'viewer' | 'member' | 'org_admin' = 'member'): CommandMetadata['actor'] => ({
  kind: 'user',
  userId: randomUUID(),
  orgId,
  role,
});

const QUARTER_ENDS = ['2018-03-31', '2018-06-30', '2018-09-30', '2018-12-31'];

/** A CSV workbook of funds, each with a contribution, a NAV and (optionally) more NAVs. */
export function csvWorkbook(funds: readonly { readonly name: string; readonly navs?: readonly number[] }[]): Uint8Array {
  const lines = ['fund,currency,commitment,vintage,strategy,date,type,amount,published_date,source,liquidating'];
  for (const fund of funds) {
    const head = `"${fund.name}",EUR,10000000,2018,buyout`;
    lines.push(`${head},2018-02-01,contribution,1000000,,,`);
    (fund.navs ?? [1_000_000]).forEach((nav, i) => lines.push(`${head},${QUARTER_ENDS[i]},nav,${nav},,,`));
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** Number of events of a tenant. */
export async function eventCount(pool: pg.Pool, tenantId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE tenant_id = $1', [tenantId]);
  return rows[0].n;
}
