import { describe, expect, it } from 'vitest';
import { EvergreenInputError, addDays, alignEvergreenMembers, isMemberActive, weekIndex } from '../../domain/evergreen/index.js';
import type { FundData } from '../../domain/funds/index.js';

const attributes = { currency: 'EUR', commitment: 1000, vintage: 2020, strategy: 'other' } as const;
const fund = (rows: Partial<Omit<FundData, 'attributes'>>): FundData => ({ attributes, contributions: [], distributions: [], navs: [], prices: [], ...rows });

// Week numbers below are worked out by hand from 2020-01-06 (a Monday) as week 0.
const memberA = {
  identity: 'a'.repeat(64),
  data: fund({
    contributions: [
      { date: '2020-01-06', amount: 100 },
      { date: '2020-01-08', amount: 50 }, // same week 0
      { date: '2020-02-03', amount: 30 }, // day 28: week 4
    ],
    distributions: [{ date: '2020-03-02', amount: 20, liquidating: true }], // day 56: week 8
    navs: [
      { valueDate: '2020-01-31', publishedDate: '2020-02-14', amount: 140 }, // day 25: week 3, published day 39: week 5
      { valueDate: '2020-01-27', publishedDate: null, amount: 130 }, // day 21: also week 3, earlier date: not kept
    ],
    prices: [{ date: '2020-02-10', amount: 120, source: 'broker' }], // day 35: week 5
  }),
};
const memberB = {
  identity: 'b'.repeat(64),
  data: fund({
    contributions: [{ date: '2020-01-20', amount: 200 }], // day 14: week 2
    navs: [{ valueDate: '2020-03-31', publishedDate: null, amount: 210 }], // day 85: week 12
  }),
};

const at = (values: ArrayLike<number>, filled: Record<number, number>, fill: number) => Array.from(values, (_, week) => (week in filled ? filled[week] : fill));

describe('alignEvergreenMembers', () => {
  const timeline = alignEvergreenMembers([memberA, memberB]);
  const [a, b] = timeline.members;

  it('starts at the earliest first contribution and runs to the last week with a row', () => {
    expect(timeline.startDate).toBe('2020-01-06');
    expect(timeline.weeks).toBe(13);
    for (const member of timeline.members) {
      for (const series of [member.contributions, member.distributions, member.navs, member.navPublishedWeeks, member.prices]) expect(series).toHaveLength(13);
    }
  });

  it('sums cash flows per week and pads them with zeros', () => {
    expect(Array.from(a.contributions)).toEqual(at(a.contributions, { 0: 150, 4: 30 }, 0));
    expect(Array.from(a.distributions)).toEqual(at(a.distributions, { 8: 20 }, 0));
    expect(Array.from(b.contributions)).toEqual(at(b.contributions, { 2: 200 }, 0));
    expect(Array.from(b.distributions).every((x) => x === 0)).toBe(true);
  });

  it('pads NAVs and prices as missing, keeping the latest value date in a week', () => {
    expect(Array.from(a.navs)).toEqual(at(a.navs, { 3: 140 }, Number.NaN));
    expect(Array.from(a.navPublishedWeeks)).toEqual(at(a.navPublishedWeeks, { 3: 5 }, -1));
    expect(Array.from(a.prices)).toEqual(at(a.prices, { 5: 120 }, Number.NaN));
    expect(Array.from(b.navs)).toEqual(at(b.navs, { 12: 210 }, Number.NaN));
    expect(b.navPublishedWeeks[12]).toBe(12);
  });

  it('computes each member lifecycle', () => {
    expect(a.lifecycle).toEqual({ firstContributionWeek: 0, endOfLifeWeek: 8, lastActivityWeek: 8 });
    expect(b.lifecycle).toEqual({ firstContributionWeek: 2, endOfLifeWeek: null, lastActivityWeek: 12 });
    expect([7, 8, 9].map((w) => isMemberActive(a.lifecycle, w))).toEqual([true, true, false]);
    expect([1, 2, 500].map((w) => isMemberActive(b.lifecycle, w))).toEqual([false, true, true]);
  });

  it('extends the timeline to the week a late NAV is published', () => {
    const late = { identity: 'c'.repeat(64), data: fund({ contributions: [{ date: '2020-01-06', amount: 1 }], navs: [{ valueDate: '2020-01-31', publishedDate: '2020-04-30', amount: 1 }] }) };
    // 2020-01-06 to 2020-04-30 is 115 days: week 16, so 17 weeks.
    expect(alignEvergreenMembers([late]).weeks).toBe(17);
  });

  it('does not depend on the order of rows', () => {
    const reversed = { ...memberA, data: { ...memberA.data, contributions: [...memberA.data.contributions].reverse(), navs: [...memberA.data.navs].reverse() } };
    const again = alignEvergreenMembers([reversed, memberB]).members[0];
    expect(Array.from(again.navs)).toEqual(Array.from(a.navs));
    expect(Array.from(again.contributions)).toEqual(Array.from(a.contributions));
  });

  it.each([
    ['no members', []],
    ['a repeated member', [memberA, memberA]],
    ['a member without contributions', [memberA, { identity: 'd'.repeat(64), data: fund({ navs: [{ valueDate: '2020-02-01', publishedDate: null, amount: 1 }] }) }]],
  ])('refuses %s', (_label, members) => {
    expect(() => alignEvergreenMembers(members)).toThrow(EvergreenInputError);
  });
});

describe('week arithmetic', () => {
  it('floors partial weeks and handles leap days and dates before the start', () => {
    expect(weekIndex('2020-01-06', '2020-01-12')).toBe(0);
    expect(weekIndex('2020-01-06', '2020-01-13')).toBe(1);
    expect(weekIndex('2020-02-24', '2020-03-02')).toBe(1); // across 29 Feb 2020
    expect(weekIndex('2020-01-06', '2020-01-05')).toBe(-1);
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
  });
});
