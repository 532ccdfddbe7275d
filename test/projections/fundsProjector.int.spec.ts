/** Given events, then rows: the funds and market projectors (test/kit/projection.ts). */
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DomainEvent } from '../../domain/decider.js';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import type { FundData } from '../../domain/funds/index.js';
import { canonicalFundTable } from '../../domain/identity/index.js';
import { fundsProjection, marketProjection } from '../../projections/index.js';
import {
  evergreenFundMembersTable,
  evergreenFundsTable,
  fundDataVersionsTable,
  fundIdentitiesTable,
  fundIdentityAliasesTable,
  marketConfigHistoryTable,
  marketConfigsTable,
  marketSeriesTable,
  productSelectionsTable,
  uploadsTable,
} from '../../read-models/index.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { projectionSpec } from '../kit/projection.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const E = 'e'.repeat(64);
const upload = '11111111-1111-4111-8111-111111111111';
const T = (day: number) => `2026-03-0${day}T09:00:00.000Z`;
const data: FundData = {
  attributes: { currency: 'EUR', commitment: 1_000_000, vintage: 2019, strategy: 'buyout' },
  contributions: [{ date: '2019-03-31', amount: 250_000 }],
  distributions: [],
  navs: [{ valueDate: '2019-06-30', publishedDate: '2019-08-15', amount: 240_000 }],
  prices: [],
};

const registered = (identity: string, filename: string): DomainEvent => ({
  type: 'FundIdentityRegistered',
  data: { fundIdentityHash: identity, fileIdentityHash: '1'.repeat(64), filename, fundName: 'Alpha Buyout I', uploadId: upload, registeredAt: T(1) },
});
const renamed = (from: string, to: string, day: number): DomainEvent => ({
  type: 'FundRenamed',
  data: { fundName: 'Alpha Buyout I', fromIdentityHash: from, toIdentityHash: to, fromFilename: 'a.xlsx', toFilename: 'b.xlsx', uploadId: upload, renamedAt: T(day) },
});
const config = { index: 'msci-world', comparable: null, regimes: [] };

describe('funds and market projectors: given events, then rows (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.ownerUrl, max: 3 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });
  const funds = () => projectionSpec(fundsProjection, pool);

  it('an accepted upload becomes its row', async () => {
    await funds()()
      .when([
        {
          type: 'FileUploaded',
          data: {
            uploadId: upload,
            fileIdentityHash: '1'.repeat(64),
            filename: 'a.xlsx',
            blobKey: 'uploads/x/y',
            sha256: 'f'.repeat(64),
            sizeBytes: 4096,
            source: 'portal',
            funds: [{ fundName: 'Alpha Buyout I', fundIdentityHash: A, dataHash: E }],
            uploadedAt: T(1),
          },
        },
      ])
      .then(uploadsTable, [{ upload_id: upload, filename: 'a.xlsx', blob_key: 'uploads/x/y', size_bytes: '4096', source: 'portal', fund_count: 1, uploaded_at: T(1) }]);
  });

  it('a registered identity becomes a fund identity row', async () => {
    await funds()()
      .when([registered(A, 'a.xlsx')])
      .then(fundIdentitiesTable, [{ fund_identity_hash: A, fund_name: 'Alpha Buyout I', filename: 'a.xlsx', registered_at: T(1) }]);
  });

  it('a rename adds an active alias old -> new; renaming back deactivates the reverse one', async () => {
    await funds()([registered(A, 'a.xlsx'), registered(B, 'b.xlsx')])
      .when([renamed(A, B, 2)])
      .then(fundIdentityAliasesTable, [{ old_identity_hash: A, new_identity_hash: B, active: true, renamed_at: T(2) }]);
    await funds()([registered(A, 'a.xlsx'), registered(B, 'b.xlsx'), renamed(A, B, 2)])
      .when([renamed(B, A, 3)])
      .then(fundIdentityAliasesTable, [
        { old_identity_hash: A, new_identity_hash: B, active: false },
        { old_identity_hash: B, new_identity_hash: A, active: true, renamed_at: T(3) },
      ]);
  });

  it('a data version becomes a row holding the series as fund data; a duplicate writes nothing', async () => {
    const recorded: DomainEvent = {
      type: 'FundDataVersionRecorded',
      data: { fundIdentityHash: A, version: 1, dataHash: E, fundName: 'Alpha Buyout I', uploadId: upload, series: canonicalFundTable(data), recordedAt: T(1) },
    };
    const version = { fund_identity_hash: A, version: 1, data_hash: E, currency: 'EUR', commitment: 1_000_000, vintage: 2019, strategy: 'buyout', data, recorded_at: T(1) };
    await funds()([registered(A, 'a.xlsx')])
      .when([recorded])
      .then(fundDataVersionsTable, [version]);
    await funds()([registered(A, 'a.xlsx'), recorded])
      .when([{ type: 'DuplicateDataIgnored', data: { fundIdentityHash: A, dataHash: E, duplicateOfVersion: 1, uploadId: upload, ignoredAt: T(2) } }])
      .then(fundDataVersionsTable, [{ ...version, last_seq: '2' }]);
  });

  it('a market configuration replaces the current one and adds to its history', async () => {
    const set = (revision: number, index: string, day: number): DomainEvent => ({
      type: 'MarketConfigSet',
      data: { fundIdentityHash: A, revision, config: { ...config, index }, configHash: String(revision).repeat(64), setAt: T(day) },
    });
    await funds()([set(1, 'msci-world', 1)])
      .when([set(2, 'msci-europe', 2)])
      .thenTables([
        [marketConfigsTable, [{ fund_identity_hash: A, revision: 2, config: { ...config, index: 'msci-europe' }, set_at: T(2) }]],
        [
          marketConfigHistoryTable,
          [
            { revision: 1, set_at: T(1) },
            { revision: 2, set_at: T(2) },
          ],
        ],
      ]);
  });

  it('selecting and deselecting a product keeps one row per product with its state', async () => {
    await funds()([{ type: 'ProductSelected', data: { fundIdentityHash: A, product: 'nowcast', selectedAt: T(1) } }])
      .when([
        { type: 'ProductSelected', data: { fundIdentityHash: A, product: 'api_access', selectedAt: T(2) } },
        { type: 'ProductDeselected', data: { fundIdentityHash: A, product: 'nowcast', deselectedAt: T(3) } },
      ])
      .then(productSelectionsTable, [
        { product: 'api_access', selected: true, changed_at: T(2) },
        { product: 'nowcast', selected: false, changed_at: T(3) },
      ]);
  });

  it('an evergreen fund and a membership change: members added, removed ones inactive since the change', async () => {
    const defined: DomainEvent = { type: 'EvergreenFundDefined', data: { evergreenIdentityHash: E, name: 'Perpetual Credit', members: [A, B], definedAt: T(1) } };
    await funds()([defined])
      .when([{ type: 'EvergreenMembershipChanged', data: { evergreenIdentityHash: E, members: [A, C], added: [C], removed: [B], changedAt: T(2) } }])
      .thenTables([
        [evergreenFundsTable, [{ evergreen_identity_hash: E, name: 'Perpetual Credit', member_count: 2, defined_at: T(1), changed_at: T(2) }]],
        [
          evergreenFundMembersTable,
          [
            { fund_identity_hash: A, active: true, since: T(1) },
            { fund_identity_hash: B, active: false, since: T(2) },
            { fund_identity_hash: C, active: true, since: T(2) },
          ],
        ],
      ]);
  });

  it('events of other domains write no fund rows', async () => {
    await funds()()
      .when((t) => [{ type: 'OrganizationCreated', data: { orgId: t, name: 'Acme', kind: 'client', createdAt: T(1) } }])
      .then(fundIdentitiesTable, []);
  });

  it('a market series upload replaces the series row with its latest revision', async () => {
    const points = (n: number) => Array.from({ length: n }, (_, i) => ({ date: `2026-01-${String(2 + 7 * i).padStart(2, '0')}`, value: 0.001 * (i + 1) }));
    const uploaded = (revision: number, n: number): DomainEvent => ({
      type: 'MarketSeriesUploaded',
      data: { seriesId: 'msci-world', revision, points: points(n), dataHash: String(revision).repeat(64), uploadedAt: T(revision) },
    });
    await projectionSpec(marketProjection, pool, { tenantId: PLATFORM_TENANT_ID })([uploaded(1, 2)])
      .when([uploaded(2, 3)])
      .then(marketSeriesTable, [{ series_id: 'msci-world', revision: 2, point_count: 3, first_date: '2026-01-02', last_date: '2026-01-16', points: points(3), uploaded_at: T(2) }]);
  });
});
