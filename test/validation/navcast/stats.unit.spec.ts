import { describe, expect, it } from 'vitest';
import { binRanks, chiSquareUniform, logGamma, upperGammaQ } from './stats.js';

describe('validation statistics', () => {
  it('log Gamma and Q(a, x) match known values', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    // Q(1, x) = exp(-x); Q(1/2, x) = erfc(sqrt x): erfc(1) = 0.157299207050285.
    expect(upperGammaQ(1, 3)).toBeCloseTo(Math.exp(-3), 12);
    expect(upperGammaQ(0.5, 1)).toBeCloseTo(0.157299207050285, 12);
  });

  it('chi-square p-values at the tabulated critical values', () => {
    // 95% and 99.9% points of chi-square with 9 and 3 degrees of freedom.
    expect(upperGammaQ(4.5, 16.918977604620448 / 2)).toBeCloseTo(0.05, 10);
    expect(upperGammaQ(1.5, 16.266236196238129 / 2)).toBeCloseTo(0.001, 10);
  });

  it('bins ranks and tests uniformity', () => {
    expect(binRanks([0, 4, 5, 19, 10], 19, 4)).toEqual([2, 1, 1, 1]);
    expect(() => binRanks([1], 18, 4)).toThrow(RangeError);
    expect(chiSquareUniform([10, 10, 10, 10]).pValue).toBeCloseTo(1, 12);
    const lopsided = chiSquareUniform([16, 0, 0, 0]);
    expect(lopsided.statistic).toBe(48);
    expect(lopsided.pValue).toBeLessThan(1e-9);
  });
});
