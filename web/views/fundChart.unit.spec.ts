import { describe, expect, it } from 'vitest';
import type { FundData } from '../../domain/funds/index.js';
import { fundHistoryChart } from './fundChart.js';
import { compactMoney, fullMoney, moneyDomain, roundStep } from './svgChartFrame.js';

const data: FundData = {
  attributes: { currency: 'EUR', commitment: 1_000_000, vintage: 2020, strategy: 'buyout' },
  contributions: [
    { date: '2020-01-15', amount: 400_000 },
    { date: '2020-01-15', amount: 100_000 },
  ],
  distributions: [{ date: '2021-06-30', amount: 250_000, liquidating: false }],
  navs: [{ valueDate: '2020-03-31', publishedDate: null, amount: 520_000 }],
  prices: [{ date: '2021-01-31', amount: 610_000, source: 'Broker <b>' }],
};

describe('fund chart', () => {
  it('escapes names and sources and sums same-day flows into one bar', () => {
    const svg = fundHistoryChart('<script>alert(1)</script> Fund', data).value;
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Fund');
    expect(svg).toContain('Broker &lt;b&gt;');
    expect(svg.match(/data-series="contribution"/g)).toHaveLength(1);
    expect(svg).toContain('<title>Contribution 2020-01-15: EUR 500,000</title>');
    expect(svg).toContain('1 reported NAVs from 2020-03-31 (EUR 520,000)');
    expect(svg).toContain('1 third-party price.');
  });

  it('frames money on round steps around zero, contributions below it', () => {
    const svg = fundHistoryChart('F', data).value;
    expect(svg).toContain('data-y0="-500000"');
    expect(svg).toContain('data-y1="750000"');
  });
});

describe('chart numbers', () => {
  it('picks round steps and domains', () => {
    expect(roundStep(1_200_000, 5)).toBe(250_000);
    expect(roundStep(7, 5)).toBe(2);
    expect(moneyDomain(-3_750_000, 56_118_528)).toEqual({ value0: -20_000_000, value1: 60_000_000, step: 20_000_000 });
    expect(moneyDomain(0, 0)).toEqual({ value0: 0, value1: 0.2, step: 0.2 });
  });

  it('writes amounts compactly for axes and in full for tables', () => {
    expect(compactMoney(250_000)).toBe('250k');
    expect(compactMoney(12_500_000)).toBe('12.5m');
    expect(compactMoney(-1_200_000_000)).toBe('-1.2bn');
    expect(fullMoney(3_750_000)).toBe('3,750,000');
    expect(fullMoney(5_698_552.3)).toBe('5,698,552.30');
  });
});
