import { describe, expect, it } from 'vitest';
import { FundInputError, fundInputJsonSchema, parseFundInput } from './input.js';

const valid = () => ({
  fund: 'Test Fund I',
  currency: 'EUR',
  commitment: 1000,
  week0: '2020-01-06',
  contributions: [100, 0, 50, 0],
  distributions: [0, 0, 0, 30],
  marketReturns: [null, 0.01, -0.02, 0.005],
  comparableReturns: [null, 0.012, null, 0.001],
  liquidationWeek: null,
  navs: [{ week: 2, value: 160, publishedWeek: 3 }],
  prices: [{ week: 3, value: 110, source: 'broker' }],
});

function issuesOf(value: unknown): string[] {
  try {
    parseFundInput(value);
  } catch (error) {
    expect(error).toBeInstanceOf(FundInputError);
    return [...(error as FundInputError).issues];
  }
  throw new Error('expected the input to be rejected');
}

describe('fund input', () => {
  it('accepts a valid fund and applies defaults', () => {
    const parsed = parseFundInput(valid());
    expect(parsed.strategy).toBe('buyout');
    expect(parsed.navs[0].value).toBe(160);
  });

  it('names the field of every schema problem', () => {
    const bad = { ...valid(), currency: 'euro', contributions: [100, -1, 0, 0], navs: [{ week: 2, value: 0, publishedWeek: 3 }], extra: 1 };
    const issues = issuesOf(bad);
    expect(issues.some((i) => i.startsWith('currency: must be an ISO 4217 code'))).toBe(true);
    expect(issues.some((i) => i.startsWith('contributions[1]:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('navs[0].value:'))).toBe(true);
    expect(issues.some((i) => i.includes('extra'))).toBe(true);
    expect(issuesOf({ ...valid(), week0: '2020-13-01' }).some((i) => i.startsWith('week0:'))).toBe(true);
  });

  it('checks lengths, weeks and required returns across fields', () => {
    expect(issuesOf({ ...valid(), distributions: [0, 0, 0] })).toEqual(['distributions: has 3 entries, contributions has 4 (weeks 0..3)']);
    const issues = issuesOf({
      ...valid(),
      marketReturns: [null, 0.01, null, 0.005],
      liquidationWeek: 2,
      navs: [
        { week: 2, value: 160, publishedWeek: 1 },
        { week: 9, value: 1, publishedWeek: 9 },
      ],
    });
    expect(issues).toEqual([
      'marketReturns[2]: missing; the market return is required for every week 1..3',
      'liquidationWeek: week 2 has no distribution',
      'navs[0].publishedWeek: 1 is before its value week 2',
      'navs[1].week: 9 is after the last week 3',
    ]);
    expect(issuesOf({ ...valid(), distributions: [100, 0, 0, 30] })[0]).toMatch(/^contributions\[0\]: week 0 must be a net contribution/);
  });

  it('prints a JSON Schema with the required fields', () => {
    const schema = fundInputJsonSchema();
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['fund', 'commitment', 'currency', 'week0', 'contributions', 'navs']));
    expect(Object.keys(schema.properties as object)).toEqual(expect.arrayContaining(['prices', 'h', 'history', 'liquidationWeek']));
  });
});
