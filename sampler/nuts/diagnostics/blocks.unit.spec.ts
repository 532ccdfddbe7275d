import { describe, expect, it } from 'vitest';
import { Xoshiro256StarStar } from '../rng.js';
import { standardNormalQuantile } from '../normalQuantile.js';
import { autocovariance } from './autocovariance.js';
import { fftInPlace } from './fft.js';
import { splitChains, toColumns } from './matrix.js';
import { averageRanks, mad, median, quantileSorted, sortedCopy, zScale } from './order.js';

function normals(seed: number, n: number): Float64Array {
  const rng = Xoshiro256StarStar.forStream(seed, 0);
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** Textbook O(N^2) biased autocovariance: sum_i (y_i - m)(y_{i+t} - m) / N. */
function directAutocovariance(y: Float64Array): Float64Array {
  const n = y.length;
  const m = y.reduce((s, v) => s + v, 0) / n;
  return Float64Array.from({ length: n }, (_, t) => {
    let s = 0;
    for (let i = 0; i + t < n; i++) s += (y[i] - m) * (y[i + t] - m);
    return s / n;
  });
}

describe('autocovariance', () => {
  it.each([3, 7, 100, 1000, 1025])('matches the direct sum for N = %i', (n) => {
    const y = normals(n, n).map((v, i) => v + 0.3 * Math.sin(i / 5));
    const fast = autocovariance(y);
    const direct = directAutocovariance(y);
    expect(fast).toHaveLength(n);
    for (let t = 0; t < n; t++) expect(Math.abs(fast[t] - direct[t])).toBeLessThan(1e-13 * direct[0]);
  });

  it('is all zeros for a constant sequence, as posterior returns', () => {
    expect([...autocovariance([2.5, 2.5, 2.5, 2.5])]).toEqual([0, 0, 0, 0]);
  });
});

describe('fftInPlace', () => {
  it('matches the direct DFT X_k = sum_t x_t exp(-2 pi i k t / L)', () => {
    const size = 64;
    const re = normals(1, size);
    const im = normals(2, size);
    const expectedRe = new Float64Array(size);
    const expectedIm = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      for (let t = 0; t < size; t++) {
        const angle = (-2 * Math.PI * k * t) / size;
        expectedRe[k] += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
        expectedIm[k] += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
      }
    }
    fftInPlace(re, im);
    for (let k = 0; k < size; k++) {
      expect(re[k]).toBeCloseTo(expectedRe[k], 11);
      expect(im[k]).toBeCloseTo(expectedIm[k], 11);
    }
  });
});

describe('splitChains', () => {
  it('puts every first half, then every second half, and drops the middle draw of odd chains', () => {
    const split = splitChains(
      toColumns([
        [1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10],
      ]),
    );
    expect(split.map((c) => [...c])).toEqual([
      [1, 2],
      [6, 7],
      [4, 5],
      [9, 10],
    ]);
  });

  it('leaves single-iteration chains unsplit', () => {
    expect(splitChains(toColumns([[1], [2]])).map((c) => [...c])).toEqual([[1], [2]]);
  });
});

describe('order statistics as R computes them', () => {
  it('gives average ranks to ties and NaN to NaN', () => {
    expect([...averageRanks([3, 1, 4, 1, 5, 9, 2, 6, 5])]).toEqual([4, 1.5, 5, 1.5, 6.5, 9, 3, 8, 6.5]);
    expect([...averageRanks([2, Number.NaN, 1])]).toEqual([2, Number.NaN, 1]);
  });

  it('interpolates type-7 quantiles', () => {
    const sorted = sortedCopy([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);
    expect(quantileSorted(sorted, 0.05)).toBeCloseTo(1.45, 14); // 1 + 9 * 0.05 = 1.45
    expect(quantileSorted(sorted, 0.95)).toBeCloseTo(9.55, 14);
    expect(quantileSorted(sorted, 0)).toBe(1);
    expect(quantileSorted(sorted, 1)).toBe(10);
    expect(quantileSorted(sortedCopy([1, Number.NaN]), 0.5)).toBeNaN();
  });

  it('takes medians and R-scaled MADs', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // |x - 3| = 2, 1, 0, 1, 97 -> median 1 -> 1.4826
    expect(mad([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 15);
  });

  it('rank-normalizes with Blom offsets (r - 3/8) / (S + 1/4)', () => {
    const z = zScale([30, 10, 40, 20]);
    expect(z[1]).toBeCloseTo(standardNormalQuantile(0.625 / 4.25), 15);
    expect(z[2]).toBeCloseTo(standardNormalQuantile(3.625 / 4.25), 15);
    expect(z[0]).toBeCloseTo(-z[3], 15);
    expect(zScale([7])[0]).toBe(0);
  });
});

describe('standard normal quantile (AS 241) used by the rank normalization', () => {
  // References: 30-digit values of sqrt(2) erfinv(2p - 1) from mpmath 1.3.
  it.each([
    [0.975, 1.9599639845400542355],
    [0.02, -2.0537489106318230529],
    [1e-10, -6.3613409024040562047],
    [0.5, 0],
  ])('Phi^-1(%d) = %d to 1e-15 relative', (p, x) => {
    const got = standardNormalQuantile(p);
    expect(Math.abs(got - x)).toBeLessThanOrEqual(1e-15 * Math.abs(x));
  });
});
