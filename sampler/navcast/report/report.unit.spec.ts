import { describe, expect, it } from 'vitest';
import { band, type WindowSummary } from '../index.js';
import type { FitSummary } from '../fit/fitFund.js';
import { chartReader } from './chartReader.js';
import { renderFitReport } from './index.js';

const bandAround = (x: number, spread: number) => band(Array.from({ length: 101 }, (_, k) => x * Math.exp(spread * (k / 50 - 1))));

/** A fitted window whose value bands sit around `value`. */
function window(week: number, value: number, failed = false): WindowSummary {
  const row = (mean: number) => ({ mean, sd: 0.1 * Math.abs(mean), q5: 0.8 * mean, q95: 1.2 * mean, rhat: 1.002, essBulk: 800 });
  return {
    week,
    date: `2016-01-${String((week % 28) + 1).padStart(2, '0')}`,
    failed,
    failures: failed ? ['3 divergences > 0'] : [],
    value: bandAround(value, 0.2),
    parameters: { alpha: row(0.0002), beta: row(1.25), F: row(1.3), lambda: { ...row(0.9), q5: 0.85, q95: 0.95 }, sigmaN: row(0.05), delta: row(0.035), sigmaD: row(0.5) },
    diagnostics: { maxRhat: 1.004, minEssBulk: 640, divergences: failed ? 3 : 0, treeDepthSaturation: 2, minEBfmi: 0.7, stepSizes: [0.02, 0.03], draws: 400 },
    appraisalBias: { navWeek: 13, atLastNav: bandAround(-4, 0.5), atWindowEnd: bandAround(-5, 0.5) },
    nextNav: { week: 52, date: '2016-01-03', value: bandAround(value, 0.1) },
    metrics: {
      dpi: 0.1,
      rvpi: bandAround(1.1, 0.1),
      tvpi: bandAround(1.2, 0.1),
      irr: bandAround(0.08, 0.1),
      ksPme: bandAround(1.05, 0.1),
      directAlpha: bandAround(0.02, 0.1),
      probabilityTvpiAbove1: 0.83,
      probabilityKsPmeAbove1: 0.6,
    },
  };
}

/** A three-window summary with a revised path over weeks 0..40 and NAVs at weeks 13 and 26. */
function summary(fund: string): FitSummary {
  const path = Array.from({ length: 41 }, (_, t) => 10e6 * (1 + 0.02 * t));
  return {
    fund,
    currency: 'EUR',
    commitment: 100e6,
    week0: '2015-01-05',
    settings: {
      windows: 'quarterly',
      chains: 2,
      warmup: 200,
      warmupNext: 100,
      draws: 200,
      seed: 7,
      targetAcceptance: 0.9,
      maxTreeDepth: 10,
      thresholds: { maxRhat: 1.01, minEssBulk: 400, maxDivergences: 0 },
    },
    dataPreparation: { varianceSource: 'defaultConstant', flags: [{ code: 'NO_COMPARABLE', message: 'no comparable returns' }], regression: null, garch: null },
    windows: [window(13, 11e6), window(26, 16e6, true), window(40, 18e6)],
    revisedPath: { weeks: path.map((_, t) => t), dates: path.map(() => '2015-01-11'), bands: path.map((v) => bandAround(v, 0.3)) },
    benchmarks: {
      reportedNavs: [
        { week: 13, date: '2015-04-12', value: 12.5e6, publishedWeek: 23 },
        { week: 26, date: '2015-07-12', value: 14e6, publishedWeek: 36 },
      ],
      naivePath: { weeks: path.map((_, t) => t), values: path.map((v, t) => v * (1 - 0.004 * t)) },
      windows: [
        { week: 13, naive: 10.8e6, lastNav: null, lastNavWeek: null },
        { week: 26, naive: 15e6, lastNav: 12.5e6, lastNavWeek: 13 },
        { week: 40, naive: 17e6, lastNav: 14e6, lastNavWeek: 26 },
      ],
      meanWeeklyVariance: 0.2 ** 2 / 52,
    },
    failedWindows: [26],
    seconds: 12,
  };
}

describe('fit report (report.html)', () => {
  const data = summary('Alpha & <Omega> "Buyout" \'III\'');
  const page = renderFitReport(data);

  it('escapes the fund name everywhere and stays self-contained', () => {
    expect(page).toContain('Alpha &amp; &lt;Omega&gt; &quot;Buyout&quot; &#39;III&#39;');
    expect(page).not.toContain('<Omega>');
    expect(page).not.toMatch(/<script|<link|<img|src=|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('draws the revised median, the 90% band, the naive nowcast and the NAVs at their summary values', () => {
    const chart = chartReader(page);
    const median = chart.points('polyline', 'median');
    expect(median).toHaveLength(41);
    median.forEach(([week, value], t) => {
      expect(week).toBeCloseTo(t, 1);
      expect(Math.abs(value - data.revisedPath!.bands[t].q50)).toBeLessThanOrEqual(chart.valueTolerance);
    });
    const band90 = chart.points('polygon', 'band90');
    expect(band90).toHaveLength(82);
    expect(Math.abs(band90[0][1] - data.revisedPath!.bands[0].q95)).toBeLessThanOrEqual(chart.valueTolerance);
    expect(Math.abs(band90[81][1] - data.revisedPath!.bands[0].q5)).toBeLessThanOrEqual(chart.valueTolerance);
    const naive = chart.points('polyline', 'naive');
    expect(Math.abs(naive[40][1] - data.benchmarks.naivePath!.values[40])).toBeLessThanOrEqual(chart.valueTolerance);
    const navs = chart.navs();
    expect(navs.map(([w]) => Math.round(w))).toEqual([13, 26]);
    expect(Math.abs(navs[1][1] - 14e6)).toBeLessThanOrEqual(chart.valueTolerance);
    // The domain holds the highest drawn value (the top of the 90% band) without clipping.
    expect(chart.y1).toBeGreaterThanOrEqual(Math.max(...data.revisedPath!.bands.map((b) => b.q95)));
    expect([...page.matchAll(/data-series="realtime"/g)]).toHaveLength(3);
  });

  it('states the nowcast, the staleness of the last NAV and the parameters in words', () => {
    expect(page).toContain('As of <b>2016-01-13</b> (week 40)');
    expect(page).toMatch(/about <b>4(\.\d+)?% below<\/b> the true value/);
    expect(page).toContain('Market beta');
    expect(page).toContain('A 10% move of the market goes with about a 13% move'); // beta 1.25
    expect(page).toContain('0.9 (lag 9 wk)'); // lambda/(1 - lambda) = 9 weeks
    expect(page).toContain('<td class="num">26%</td>'); // F 1.3 x sqrt(52 h), h = 0.2^2/52: 26% a year
    expect(page).toContain('EUR 17.0m'); // naive nowcast of the last window
  });

  it('flags fallbacks and failed windows', () => {
    expect(page).toContain('<b>NO_COMPARABLE</b>');
    expect(page).toContain('week(s) 26 did not pass');
    expect(page).toMatch(/<tr class="failed">.*?FAILED: 3 divergences &gt; 0/s);
  });

  it('says so when the last window is the liquidating week (value zero)', () => {
    const zero = { ...window(41, 0), week: 41, value: band([0, 0, 0]) };
    const text = renderFitReport({ ...data, windows: [...data.windows, zero] });
    expect(text).toContain('The fund was fully liquidated by');
    expect(text).not.toContain('Expected next reported NAV');
    expect(text).not.toContain('Naive nowcast (the last NAV');
  });

  it('reports a fit whose windows all broke without a chart path or a headline', () => {
    const broken: FitSummary = { ...data, windows: [{ week: 13, failed: true, failures: ['chain 0: infeasible start'] }], revisedPath: null, failedWindows: [13] };
    const text = renderFitReport(broken);
    expect(text).toContain('No window could be sampled');
    expect(text).toContain('sampler failed: chain 0: infeasible start');
    expect(text).not.toContain('data-series="median"');
  });
});
