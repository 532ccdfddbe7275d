/**
 * fitFund, the fit as one library call: windows warm-started chain by chain in worker threads,
 * a typed result whose draws agree with its summary, progress events, and results that depend
 * on the settings alone (not on how many workers ran them).
 */
import { describe, expect, it } from 'vitest';
import { inputAsOf } from '../data/asOf.js';
import { PRESETS } from '../simulate/presets.js';
import { simulateFund } from '../simulate/simulator.js';
import { parseFitConfig } from './fitConfig.js';
import { fitFund, type FitProgress, type FitResult } from './fitFund.js';

const input = inputAsOf(simulateFund(PRESETS.buyout, 3).input, 130);
const config = parseFitConfig({ windowList: [104, 130], chains: 2, warmup: 200, draws: 150, seed: 5, thresholds: { minEssBulk: 0, maxRhat: 1.5, maxDivergences: 1000 } });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};
const withoutTime = (r: FitResult) => ({ ...r, summary: { ...r.summary, seconds: 0 } });

describe('fitFund', () => {
  let events: FitProgress[] = [];
  let two: FitResult;

  it('fits every window and returns its draws beside the summary', { timeout: 120_000 }, async () => {
    events = [];
    two = await fitFund(input, config, { workers: 2, onProgress: (e) => events.push(e) });
    const { summary, draws } = two;
    expect(summary.windows.map((w) => w.week)).toEqual([104, 130]);
    expect(summary.settings).toEqual(config);
    expect(draws).toHaveLength(2);
    draws.forEach((d, w) => {
      const window = summary.windows[w];
      if (d === null || !('value' in window)) throw new Error(`window ${w} has no draws`);
      expect(d.week).toBe(window.week);
      expect(d.value).toHaveLength(2);
      expect(d.value.every((chain) => chain.length === 150)).toBe(true);
      expect(d.stats.map((s) => s.logDensity.length)).toEqual([150, 150]);
      const values = d.value.flatMap((chain) => Array.from(chain));
      expect(median(values)).toBeCloseTo(window.value.q50, 6);
      for (const [name, row] of Object.entries(window.parameters)) {
        const all = (d.parameters[name] ?? []).flatMap((chain) => Array.from(chain));
        expect(all.reduce((s, x) => s + x, 0) / all.length, name).toBeCloseTo(row.mean, 10);
      }
    });
  });

  it('reports progress: a start, every chain of every window, then each window', () => {
    expect(events.filter((e) => e.kind === 'start')).toEqual([expect.objectContaining({ windows: 2, chains: 2 })]);
    expect(
      events
        .filter((e) => e.kind === 'chain')
        .map((e) => `${e.window}:${(e as { chain: number }).chain}`)
        .sort(),
    ).toEqual(['0:0', '0:1', '1:0', '1:1']);
    expect(events.filter((e) => e.kind === 'window').map((e) => e.week)).toEqual([104, 130]);
    expect(events.every((e) => e.message.length > 0)).toBe(true);
  });

  it('gives the same result in one worker as in two (the chains own their random streams)', { timeout: 120_000 }, async () => {
    const one = await fitFund(input, config, { workers: 1 });
    expect(withoutTime(one)).toEqual(withoutTime(two));
  });
});
