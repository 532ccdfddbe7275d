import { describe, expect, it } from 'vitest';
import { DiagnosticsInputError, essBasic, essBulk, essMean, essQuantile, essSd, essTail, rhat, rhatBasic } from './index.js';
import { ar1Chains } from './testDraws.js';

describe('ESS: Geyer truncation exactly as posterior', () => {
  it('hand example: an alternating chain stops before the loop and R sums lag 0 (tau = 2)', () => {
    // acov = 1, -5/6, 4/6, ...; var_plus = 1, rho_1 = -5/6 - 0.2 < -1, so max_t = 0 and
    // posterior's sum(rho[1:0]) picks rho[1] = 1: tau = -1 + 2 + 1 = 2, ESS = 6 / 2.
    expect(essBasic([[1, -1, 1, -1, 1, -1]], false)).toBe(3);
  });

  it('split chains of 3 to 5 iterations never enter the loop: ESS = S / 2', () => {
    expect(
      essBasic([
        [1, 2, 3, 4, 5, 6, 7, 9],
        [3, 1, 4, 1, 5, 9, 2, 6],
      ]),
    ).toBe(8);
  });

  it('caps ESS at S log10(S) for strongly antithetic chains', () => {
    // AR(1) with phi = -0.9 has tau = (1 + phi) / (1 - phi) = 0.053 < 1 / log10(20000).
    const draws = ar1Chains(11, 4, 5000, -0.9);
    expect(essMean(draws)).toBeCloseTo(20000 * Math.log10(20000), 8);
  });

  it('estimates S (1 - phi) / (1 + phi) for AR(1) chains', () => {
    for (const phi of [0, 0.5, 0.9]) {
      const draws = ar1Chains(7, 4, 5000, phi);
      const expected = (20000 * (1 - phi)) / (1 + phi);
      expect(essMean(draws) / expected).toBeGreaterThan(0.85);
      expect(essMean(draws) / expected).toBeLessThan(1.15);
      expect(essBulk(draws) / expected).toBeGreaterThan(0.85);
      expect(essBulk(draws) / expected).toBeLessThan(1.15);
    }
  });

  it('makes bulk and tail ESS invariant under monotone transforms, mean ESS not', () => {
    const draws = ar1Chains(3, 4, 1000, 0.6);
    const transformed = draws.map((c) => c.map(Math.exp));
    expect(essBulk(transformed)).toBe(essBulk(draws));
    expect(essTail(transformed)).toBe(essTail(draws));
    expect(essMean(transformed)).not.toBe(essMean(draws));
  });

  it('drops the middle draw of odd-length chains (but the tail quantile still uses every draw)', () => {
    const draws = ar1Chains(5, 3, 1001, 0.3);
    const withoutMiddle = draws.map((c) => Float64Array.from([...c.subarray(0, 500), ...c.subarray(501)]));
    expect(essBulk(draws)).toBe(essBulk(withoutMiddle));
    expect(essMean(draws)).toBe(essMean(withoutMiddle));
    expect(essTail(draws)).not.toBe(essTail(withoutMiddle));
  });

  it('gives tail ESS as the smaller quantile ESS at 5% and 95%', () => {
    const draws = ar1Chains(9, 4, 1000, 0.5);
    expect(essTail(draws)).toBe(Math.min(essQuantile(draws, 0.05), essQuantile(draws, 0.95)));
    expect(Number.isFinite(essQuantile(draws, 1))).toBe(true);
    expect(Number.isFinite(essSd(draws))).toBe(true);
  });
});

describe('ESS edge cases as posterior (NA -> NaN)', () => {
  const constant = [
    [1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1],
  ];

  it('is NaN for constant draws, fewer than 3 split iterations, or NaN values', () => {
    expect(essBulk(constant)).toBeNaN();
    expect(essTail(constant)).toBeNaN();
    expect(essMean(constant)).toBeNaN();
    expect(
      essBulk([
        [1, 2, 3, 4, 5],
        [2, 3, 4, 5, 6],
      ]),
    ).toBeNaN();
    const draws = ar1Chains(1, 2, 100, 0).map((c) => Array.from(c));
    draws[1][7] = Number.NaN;
    expect(essBulk(draws)).toBeNaN();
    expect(essTail(draws)).toBeNaN();
  });

  it('ranks infinities for bulk ESS but refuses them for tail and mean ESS, as posterior does', () => {
    const draws = ar1Chains(2, 2, 100, 0).map((c) => Array.from(c));
    draws[0][3] = Number.POSITIVE_INFINITY;
    expect(Number.isFinite(essBulk(draws))).toBe(true);
    expect(essTail(draws)).toBeNaN();
    expect(essMean(draws)).toBeNaN();
  });

  it('rejects malformed shapes with typed errors', () => {
    const codeOf = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (error) {
        return error instanceof DiagnosticsInputError ? error.code : 'other';
      }
      return undefined;
    };
    expect(codeOf(() => essBulk([]))).toBe('DIAGNOSTICS_NO_CHAINS');
    expect(
      codeOf(() =>
        essBulk([
          [1, 2, 3],
          [1, 2],
        ]),
      ),
    ).toBe('DIAGNOSTICS_RAGGED_CHAINS');
    expect(codeOf(() => essQuantile([[1, 2, 3, 4, 5, 6]], 1.5))).toBe('DIAGNOSTICS_BAD_ARGUMENT');
    expect(codeOf(() => rhat([]))).toBe('DIAGNOSTICS_NO_CHAINS');
  });
});

describe('R-hat', () => {
  it('hand example of the classic formula: sqrt((B/W + n - 1) / n)', () => {
    // chain means 2 and 5: B = 3 * var(2, 5) = 13.5; W = mean(1, 1) = 1.
    expect(
      rhatBasic(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        false,
      ),
    ).toBeCloseTo(Math.sqrt(15.5 / 3), 15);
  });

  it('is near 1 for mixed chains and flags a shifted chain', () => {
    expect(Math.abs(rhat(ar1Chains(4, 4, 1000, 0.3)) - 1)).toBeLessThan(0.01);
    expect(rhat(ar1Chains(4, 4, 1000, 0.3, [0, 0, 0, 1]))).toBeGreaterThan(1.1);
  });

  it('catches a chain with the right location but the wrong scale through the folded draws', () => {
    const draws = ar1Chains(6, 4, 1000, 0.3, [], [1, 1, 1, 3]);
    expect(rhatBasic(draws)).toBeLessThan(1.01);
    expect(rhat(draws)).toBeGreaterThan(1.05);
  });

  it('catches within-chain drift through the split', () => {
    const draws = ar1Chains(8, 4, 1000, 0.3).map((c) => c.map((x, t) => x + (t < 500 ? 0 : 1)));
    expect(rhat(draws)).toBeGreaterThan(1.1);
    expect(rhatBasic(draws, false)).toBeLessThan(1.01);
  });

  it('is NaN for constant draws and non-finite values', () => {
    expect(
      rhat([
        [2, 2, 2, 2],
        [2, 2, 2, 2],
      ]),
    ).toBeNaN();
    expect(
      rhat([
        [1, 2, Number.NaN, 4],
        [2, 3, 4, 5],
      ]),
    ).toBeNaN();
  });
});
