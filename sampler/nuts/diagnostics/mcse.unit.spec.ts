import { describe, expect, it } from 'vitest';
import { betaQuantile, essMean, essQuantile, mcseMean, mcseQuantile, mcseSd } from './index.js';
import { ar1Chains } from './testDraws.js';

/** Standard normal density. */
const phiDensity = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

describe('MCSE as posterior computes it', () => {
  const S = 20000;
  const iid = ar1Chains(21, 4, 5000, 0);
  const correlated = ar1Chains(22, 4, 5000, 0.8);

  it('mcse_mean is sd / sqrt(ess_mean) and about sqrt(tau / S) for unit-variance AR(1)', () => {
    const all = iid.flatMap((c) => [...c]);
    const m = all.reduce((s, v) => s + v, 0) / S;
    const sd = Math.sqrt(all.reduce((s, v) => s + (v - m) ** 2, 0) / (S - 1));
    expect(mcseMean(iid)).toBeCloseTo(sd / Math.sqrt(essMean(iid)), 14);
    expect(mcseMean(iid) / Math.sqrt(1 / S)).toBeGreaterThan(0.9);
    expect(mcseMean(iid) / Math.sqrt(1 / S)).toBeLessThan(1.1);
    const tau = (1 + 0.8) / (1 - 0.8);
    expect(mcseMean(correlated) / Math.sqrt(tau / S)).toBeGreaterThan(0.8);
    expect(mcseMean(correlated) / Math.sqrt(tau / S)).toBeLessThan(1.2);
  });

  it('mcse_sd is about sd / sqrt(2 S) for independent normal draws', () => {
    const ratio = mcseSd(iid) / Math.sqrt(1 / (2 * S));
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });

  it('mcse_quantile is half the spread of the order statistics at Beta(ess p + 1, ess (1 - p) + 1) quantiles', () => {
    const sorted = Float64Array.from(correlated.flatMap((c) => [...c])).sort();
    for (const p of [0.05, 0.5, 0.95]) {
      const e = essQuantile(correlated, p);
      const a1 = betaQuantile(0.1586553, e * p + 1, e * (1 - p) + 1);
      const a2 = betaQuantile(0.8413447, e * p + 1, e * (1 - p) + 1);
      // posterior: ssims[max(floor(a1 S), 1)] and ssims[min(ceiling(a2 S), S)], 1-based.
      const expected = (sorted[Math.min(Math.ceil(a2 * S), S) - 1] - sorted[Math.max(Math.floor(a1 * S), 1) - 1]) / 2;
      expect(mcseQuantile(correlated, p)).toBe(expected);
    }
  });

  it('mcse_quantile is about sqrt(p (1 - p) / ESS) / density at the quantile', () => {
    // The estimate rests on the spacing of ~60 order statistics in the tails, itself
    // uncertain by ~1/sqrt(60) = 13%, hence the wide band.
    for (const [p, z] of [
      [0.05, -1.6448536269514722],
      [0.5, 0],
      [0.95, 1.6448536269514722],
    ]) {
      const expected = Math.sqrt((p * (1 - p)) / essQuantile(iid, p)) / phiDensity(z);
      const ratio = mcseQuantile(iid, p) / expected;
      expect(ratio).toBeGreaterThan(0.7);
      expect(ratio).toBeLessThan(1.4);
    }
  });

  it('is NaN for constant draws', () => {
    const constant = [
      [4, 4, 4, 4, 4, 4],
      [4, 4, 4, 4, 4, 4],
    ];
    expect(mcseMean(constant)).toBeNaN();
    expect(mcseSd(constant)).toBeNaN();
    expect(mcseQuantile(constant, 0.5)).toBeNaN();
  });
});
