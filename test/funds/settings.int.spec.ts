import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleEvergreen, handleFundSettings, handleMarketUpload, handleUpload } from '../../commands/funds/index.js';
import { EvergreenRuleError } from '../../domain/evergreen/index.js';
import { FundNotFoundError } from '../../domain/funds/index.js';
import { evergreenIdentityHash } from '../../domain/identity/index.js';
import { ForbiddenError } from '../../domain/organizations/index.js';
import { findMarketSeries, withTenant } from '../../read-models/index.js';
import { csvWorkbook, memberOf, meta, openFundsFixture, type FundsFixture } from './fundsKit.js';

describe('evergreen funds, market configurations, products, market series (real PostgreSQL)', () => {
  let f: FundsFixture;
  const org = randomUUID();
  let funds: string[] = [];
  const rows = async (sql: string) => (await f.pool.query(sql, [org])).rows;

  beforeAll(async () => {
    f = await openFundsFixture();
    const result = await handleUpload(f.deps, { orgId: org, filename: 'eg.csv', bytes: csvWorkbook([{ name: 'E1' }, { name: 'E2' }, { name: 'E3' }]), source: 'cli' }, meta());
    if (!result.ok) throw new Error('set-up upload rejected');
    funds = ['E1', 'E2', 'E3'].map((n) => result.funds[n].identityHash);
  });
  afterAll(async () => {
    await f.close();
  });

  it('defines an evergreen fund from members and changes its membership', async () => {
    const defined = await handleEvergreen(f.log, { type: 'DefineEvergreenFund', orgId: org, name: 'Open Fund', members: [funds[1], funds[0]] }, meta(memberOf(org)));
    const identity = evergreenIdentityHash(org, 'Open Fund', [funds[0], funds[1]]);
    expect(defined.events[0]).toMatchObject({ type: 'EvergreenFundDefined', data: { evergreenIdentityHash: identity, members: [funds[0], funds[1]].sort() } });
    const changed = await handleEvergreen(f.log, { type: 'ChangeEvergreenMembership', orgId: org, evergreenIdentityHash: identity, members: [funds[1], funds[2]] }, meta(memberOf(org)));
    expect(changed.events[0]).toMatchObject({ data: { added: [funds[2]], removed: [funds[0]] } });
    const same = await handleEvergreen(f.log, { type: 'ChangeEvergreenMembership', orgId: org, evergreenIdentityHash: identity, members: [funds[2], funds[1]] }, meta(memberOf(org)));
    expect(same.events).toEqual([]);
    await expect(handleEvergreen(f.log, { type: 'DefineEvergreenFund', orgId: org, name: 'Open Fund', members: [funds[0], funds[1]] }, meta())).rejects.toBeInstanceOf(EvergreenRuleError);
    await expect(handleEvergreen(f.log, { type: 'DefineEvergreenFund', orgId: org, name: 'X', members: ['f'.repeat(64)] }, meta())).rejects.toBeInstanceOf(FundNotFoundError);
    await f.catchUp();
    expect(await rows('SELECT name, member_count FROM read_models.evergreen_funds_v1 WHERE tenant_id = $1')).toEqual([{ name: 'Open Fund', member_count: 2 }]);
    const members = await rows('SELECT fund_identity_hash AS m, active FROM read_models.evergreen_fund_members_v1 WHERE tenant_id = $1 ORDER BY 1');
    expect(members).toEqual(funds.map((m) => ({ m, active: m !== funds[0] })).sort((a, b) => (a.m < b.m ? -1 : 1)));
  });

  it('keeps every revision of a fund market configuration; the same one again is no change', async () => {
    const set = (index: string) => handleFundSettings(f.log, { type: 'SetMarketConfig', orgId: org, fundIdentityHash: funds[0], config: { index, comparable: null, regimes: [] } }, meta());
    await set('MSCI-World');
    await set('MSCI-Europe');
    expect((await set('MSCI-Europe')).events).toEqual([]);
    await expect(
      handleFundSettings(f.log, { type: 'SetMarketConfig', orgId: org, fundIdentityHash: funds[0], config: { index: 'X', comparable: null, regimes: [] } }, meta(memberOf(org, 'org_admin'))),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await f.catchUp();
    expect(await rows("SELECT revision, config->>'index' AS i FROM read_models.market_config_history_v1 WHERE tenant_id = $1 ORDER BY revision")).toEqual([
      { revision: 1, i: 'MSCI-World' },
      { revision: 2, i: 'MSCI-Europe' },
    ]);
    expect(await rows("SELECT revision, config->>'index' AS i FROM read_models.market_configs_v1 WHERE tenant_id = $1")).toEqual([{ revision: 2, i: 'MSCI-Europe' }]);
  });

  it('selects and deselects products (org_admin or above)', async () => {
    const admin = meta(memberOf(org, 'org_admin'));
    await handleFundSettings(f.log, { type: 'SelectProduct', orgId: org, fundIdentityHash: funds[1], product: 'excel_delivery' }, admin);
    await handleFundSettings(f.log, { type: 'SelectProduct', orgId: org, fundIdentityHash: funds[1], product: 'nowcast' }, meta(memberOf(org, 'org_admin')));
    await handleFundSettings(f.log, { type: 'DeselectProduct', orgId: org, fundIdentityHash: funds[1], product: 'nowcast' }, meta(memberOf(org, 'org_admin')));
    await expect(handleFundSettings(f.log, { type: 'SelectProduct', orgId: org, fundIdentityHash: funds[1], product: 'api_access' }, meta(memberOf(org)))).rejects.toBeInstanceOf(ForbiddenError);
    await f.catchUp();
    expect(await rows('SELECT product, selected FROM read_models.product_selections_v1 WHERE tenant_id = $1 ORDER BY product')).toEqual([
      { product: 'excel_delivery', selected: true },
      { product: 'nowcast', selected: false },
    ]);
  });

  it('records market series in the platform tenant, readable by every tenant through the app role', async () => {
    const csv = new TextEncoder().encode('series_id,date,value\nMSCI-World,2024-01-05,0.01\nMSCI-World,2024-01-12,-0.02\nComp-A,2024-01-05,0.003\n');
    const first = await handleMarketUpload(f.log, csv, 'market.csv', meta());
    expect(first).toEqual({ ok: true, series: { 'MSCI-World': { revision: 1, points: 2, outcome: 'recorded' }, 'Comp-A': { revision: 1, points: 1, outcome: 'recorded' } } });
    const again = await handleMarketUpload(f.log, csv, 'market.csv', meta());
    expect(again.ok && again.series['MSCI-World'].outcome).toBe('unchanged');
    const bad = await handleMarketUpload(f.log, new TextEncoder().encode('series_id,date,value\nX,2024-13-01,abc\n'), 'bad.csv', meta());
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.map((p) => [p.row, p.column])).toEqual([
        [2, 'B'],
        [2, 'C'],
      ]);
    await expect(handleMarketUpload(f.log, csv, 'market.csv', meta(memberOf(org, 'org_admin')))).rejects.toBeInstanceOf(ForbiddenError);
    await f.catchUp();
    const app = new pg.Pool({ connectionString: f.db.ownerUrl, max: 1 });
    app.on('connect', (client) => void client.query('SET ROLE navcast_app'));
    try {
      const seen = await withTenant(app, org, (db) => findMarketSeries(db, 'MSCI-World'));
      expect(seen).toEqual({
        seriesId: 'MSCI-World',
        revision: 1,
        points: [
          { date: '2024-01-05', value: 0.01 },
          { date: '2024-01-12', value: -0.02 },
        ],
      });
      await expect(withTenant(app, org, (db) => db.query('UPDATE market_series SET revision = 9'))).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.end();
    }
  });
});
