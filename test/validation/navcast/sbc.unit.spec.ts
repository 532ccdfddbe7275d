/**
 * Fast SBC smoke (the full run is `npm run validate:navcast`): a few short replications show
 * that the machinery ranks the truth among posterior draws and that a fit with a deliberately
 * wrong prior (sigma_n centred e^1.2 = 3.3 times too high, tight) is caught as miscalibrated.
 */
import { describe, expect, it } from 'vitest';
import { runJobs } from './pool.js';
import { SBC_PARAMETERS, drawFromPriors, type SbcReplication, type SbcSettings } from './sbc.js';
import { analyseSbc } from './sbcAnalysis.js';

const entry = new URL('./sbcWorker.ts', import.meta.url);
const SMOKE: SbcSettings = { T: 156, chains: 1, warmup: 100, draws: 60, rankDraws: 19 };
const seeds = Array.from({ length: 8 }, (_, k) => 500 + k);
const WRONG_SIGMA_N = { logSigmaN: { kind: 'normal', mean: Math.log(0.05) + 1.2, sd: 0.2 } } as const;

describe('simulation-based calibration (smoke)', () => {
  it('draws truths from the priors: different per seed, reproducible', () => {
    expect(drawFromPriors(3)).toEqual(drawFromPriors(3));
    expect(drawFromPriors(3).beta).not.toBe(drawFromPriors(4).beta);
  });

  it('ranks every parameter in 0..L, and detects a wrong prior', async () => {
    const [calibrated, wrong] = await Promise.all([runJobs<number, SbcReplication>(entry, seeds, 1, SMOKE), runJobs<number, SbcReplication>(entry, seeds, 1, { ...SMOKE, fitPriors: WRONG_SIGMA_N })]);
    for (const r of calibrated) {
      for (const p of SBC_PARAMETERS) {
        expect(r.ranks[p]).toBeGreaterThanOrEqual(0);
        expect(r.ranks[p]).toBeLessThanOrEqual(SMOKE.rankDraws);
      }
    }
    expect(calibrated.map((r) => r.seed)).toEqual(seeds);
    // Same seeds, same simulated funds: the truths agree between the two runs.
    expect(wrong.map((r) => r.truth.sigmaN)).toEqual(calibrated.map((r) => r.truth.sigmaN));
    const good = analyseSbc(calibrated, SMOKE.rankDraws, 4);
    const bad = analyseSbc(wrong, SMOKE.rankDraws, 4);
    good.forEach((row) => expect(row.counts.reduce((s, x) => s + x, 0)).toBe(seeds.length));
    // With 8 replications only gross failures show: every calibrated p-value above 0.001 ...
    expect(Math.min(...good.map((row) => row.pValue))).toBeGreaterThan(0.001);
    // ... while the wrong prior puts sigma_n's posterior above the truth: ranks pile up at 0.
    const sigmaN = bad.find((row) => row.parameter === 'sigmaN')!;
    expect(sigmaN.pValue).toBeLessThan(0.001);
    expect(sigmaN.meanRankFraction).toBeLessThan(0.2);
  }, 300_000);
});
