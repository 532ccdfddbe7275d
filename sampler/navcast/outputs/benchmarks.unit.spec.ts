import { describe, expect, it } from 'vitest';
import { inputAsOf, PRESETS, prepareFund, simulateFund } from '../index.js';
import { fitBenchmarks } from './benchmarks.js';

describe('fit benchmarks (naive nowcast, last NAV)', () => {
  const { input } = simulateFund(PRESETS.buyout, 11);
  const cut = inputAsOf(input, 300);
  const prepared = prepareFund(cut);
  const weeks = [20, 150, 300];
  const bench = fitBenchmarks(prepared, weeks, cut.week0);

  it('rolls the last published NAV forward with comparable returns and cash flows', () => {
    for (const w of bench.windows.slice(1)) {
      const published = cut.navs.filter((n) => n.publishedWeek <= w.week).at(-1)!;
      expect(w.lastNavWeek).toBe(published.week);
      expect(w.lastNav).toBeCloseTo(published.value, 6);
      let value = published.value;
      for (let t = published.week + 1; t <= w.week; t++) {
        value = value * Math.exp(cut.comparableReturns[t] as number) + cut.contributions[t] - cut.distributions[t];
      }
      expect(w.naive / value - 1).toBeCloseTo(0, 9);
    }
  });

  it('has no last NAV before the first publication; the naive path ends at the last window', () => {
    expect(bench.windows[0]).toMatchObject({ week: 20, lastNav: null, lastNavWeek: null });
    expect(bench.naivePath!.values).toHaveLength(301);
    expect(bench.naivePath!.values[300]).toBe(bench.windows[2].naive);
    expect(bench.reportedNavs.map((n) => n.week)).toEqual(cut.navs.map((n) => n.week));
    expect(bench.meanWeeklyVariance).toBeGreaterThan(0);
  });
});
