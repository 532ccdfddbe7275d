import { describe, it } from 'vitest';
import { specFor, specMeta } from '../../test/kit/decider.js';
import { evergreenIdentityHash } from '../identity/hashes.js';
import { EvergreenRuleError, evergreenDecider } from './decide.js';
import type { EvergreenEvent } from './events.js';

const AT = '2025-04-01T08:00:00.000Z';
const given = specFor(evergreenDecider, specMeta(AT));

const ORG = 'org-evergreen';
const M1 = '1'.repeat(64);
const M2 = '2'.repeat(64);
const M3 = '3'.repeat(64);
const IDENTITY = evergreenIdentityHash(ORG, 'Perpetual Credit', [M1, M2]);
const defined: EvergreenEvent = {
  type: 'EvergreenFundDefined',
  data: { evergreenIdentityHash: IDENTITY, name: 'Perpetual Credit', members: [M1, M2], definedAt: '2025-01-01T00:00:00.000Z' },
};
const change = (members: string[]) => ({ type: 'ChangeEvergreenMembership' as const, evergreenIdentityHash: IDENTITY, members });

describe('evergreen decider', () => {
  it('defines an evergreen fund with sorted members and an identity from them', () => {
    given([])
      .when({ type: 'DefineEvergreenFund', orgId: ORG, name: 'Perpetual Credit', members: [M2, M1] })
      .then([{ type: 'EvergreenFundDefined', data: { evergreenIdentityHash: IDENTITY, name: 'Perpetual Credit', members: [M1, M2], definedAt: AT } }]);
  });

  it('refuses to define the same evergreen fund twice', () => {
    given([defined])
      .when({ type: 'DefineEvergreenFund', orgId: ORG, name: 'Perpetual Credit', members: [M1, M2] })
      .thenThrows(EvergreenRuleError, 'evergreen_already_defined');
  });

  it('refuses a member listed twice', () => {
    given([])
      .when({ type: 'DefineEvergreenFund', orgId: ORG, name: 'Perpetual Credit', members: [M1, M2, M1] })
      .thenThrows(EvergreenRuleError, 'evergreen_member_repeated');
    given([defined])
      .when(change([M3, M3]))
      .thenThrows(EvergreenRuleError, 'evergreen_member_repeated');
  });

  it('refuses a membership change of an undefined evergreen fund', () => {
    given([])
      .when(change([M1]))
      .thenThrows(EvergreenRuleError, 'evergreen_not_found');
  });

  it('records the new member list with what was added and removed', () => {
    given([defined])
      .when(change([M3, M1]))
      .then([{ type: 'EvergreenMembershipChanged', data: { evergreenIdentityHash: IDENTITY, members: [M1, M3], added: [M3], removed: [M2], changedAt: AT } }]);
  });

  it('the same member set again, in any order, changes nothing', () => {
    given([defined])
      .when(change([M2, M1]))
      .thenNothingHappened();
  });

  it('compares a change against the latest membership, keeping the defined identity', () => {
    const changed: EvergreenEvent = {
      type: 'EvergreenMembershipChanged',
      data: { evergreenIdentityHash: IDENTITY, members: [M1, M2, M3], added: [M3], removed: [], changedAt: '2025-02-01T00:00:00.000Z' },
    };
    given([defined, changed])
      .when(change([M1, M2, M3]))
      .thenNothingHappened();
    given([defined, changed])
      .when(change([M3]))
      .then([{ type: 'EvergreenMembershipChanged', data: { evergreenIdentityHash: IDENTITY, members: [M3], added: [], removed: [M1, M2], changedAt: AT } }]);
  });
});
