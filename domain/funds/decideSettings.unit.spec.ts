import { describe, it } from 'vitest';
import { specFor, specMeta } from '../../test/kit/decider.js';
import { canonicalFundTable } from '../identity/canonicalTable.js';
import { configHash } from '../identity/hashes.js';
import { FundNotFoundError, fundSettingsDecider } from './decideSettings.js';
import type { FundEvent } from './events.js';
import type { FundData } from './fundData.js';
import type { MarketConfig } from './marketConfig.js';

const AT = '2025-03-01T12:00:00.000Z';
const given = specFor(fundSettingsDecider, specMeta(AT));

const FUND = 'a'.repeat(64);
const data: FundData = {
  attributes: { currency: 'USD', commitment: 5_000_000, vintage: 2020, strategy: 'venture' },
  contributions: [],
  distributions: [],
  navs: [],
  prices: [],
};
const version1: FundEvent = {
  type: 'FundDataVersionRecorded',
  data: {
    fundIdentityHash: FUND,
    version: 1,
    dataHash: 'd'.repeat(64),
    fundName: 'Vega Ventures II',
    uploadId: '11111111-1111-4111-8111-111111111111',
    series: canonicalFundTable(data),
    recordedAt: '2025-01-01T00:00:00.000Z',
  },
};
const configA: MarketConfig = { index: 'MSCI_WORLD', comparable: null, regimes: [] };
const configB: MarketConfig = { index: 'MSCI_WORLD', comparable: 'LPX50', regimes: [{ from: '2020-01-01', to: null, index: 'NASDAQ', comparable: null }] };
const configSet = (config: MarketConfig, revision: number, setAt = AT): FundEvent => ({
  type: 'MarketConfigSet',
  data: { fundIdentityHash: FUND, revision, config, configHash: configHash(config), setAt },
});

describe('fund settings decider', () => {
  it('refuses settings for a fund without data', () => {
    given([]).when({ type: 'SetMarketConfig', fundIdentityHash: FUND, config: configA }).thenThrows(FundNotFoundError, 'fund_not_found');
    given([]).when({ type: 'SelectProduct', fundIdentityHash: FUND, product: 'nowcast' }).thenThrows(FundNotFoundError, 'fund_not_found');
  });

  it('sets the first market configuration as revision 1', () => {
    given([version1])
      .when({ type: 'SetMarketConfig', fundIdentityHash: FUND, config: configA })
      .then([configSet(configA, 1)]);
  });

  it('setting the same configuration again is a no-op', () => {
    given([version1, configSet(configA, 1, '2025-02-01T00:00:00.000Z')])
      .when({ type: 'SetMarketConfig', fundIdentityHash: FUND, config: { ...configA } })
      .thenNothingHappened();
  });

  it('a different configuration becomes the next revision', () => {
    given([version1, configSet(configA, 1), configSet(configB, 2)])
      .when({ type: 'SetMarketConfig', fundIdentityHash: FUND, config: configA })
      .then([configSet(configA, 3)]);
  });

  it('selects a product once; selecting it again changes nothing', () => {
    const selected: FundEvent = { type: 'ProductSelected', data: { fundIdentityHash: FUND, product: 'nowcast', selectedAt: AT } };
    given([version1]).when({ type: 'SelectProduct', fundIdentityHash: FUND, product: 'nowcast' }).then([selected]);
    given([version1, selected]).when({ type: 'SelectProduct', fundIdentityHash: FUND, product: 'nowcast' }).thenNothingHappened();
  });

  it('deselects only a selected product', () => {
    const selected: FundEvent = { type: 'ProductSelected', data: { fundIdentityHash: FUND, product: 'api_access', selectedAt: AT } };
    given([version1]).when({ type: 'DeselectProduct', fundIdentityHash: FUND, product: 'api_access' }).thenNothingHappened();
    given([version1, selected])
      .when({ type: 'DeselectProduct', fundIdentityHash: FUND, product: 'api_access' })
      .then([{ type: 'ProductDeselected', data: { fundIdentityHash: FUND, product: 'api_access', deselectedAt: AT } }]);
  });
});
