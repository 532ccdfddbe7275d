import { describe, expect, it } from 'vitest';
import { betaQuantile } from './betaQuantile.js';
import { betaCdf, logBeta, logGamma } from './incompleteBeta.js';

const relativeError = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('logGamma and logBeta', () => {
  // References: mpmath 1.3 loggamma / log(beta) at 30 digits.
  it.each([
    [0.5, 0.5 * Math.log(Math.PI)],
    [0.1, 2.2527126517342059599],
    [10, Math.log(362880)],
    [100.5, 361.43554046777762156],
  ])('logGamma(%d)', (x, want) => {
    expect(relativeError(logGamma(x), want)).toBeLessThan(5e-15);
  });

  it('is exactly zero at 1 and 2, and NaN off its domain', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });

  it.each([
    [3, 4, Math.log(1 / 60)],
    [5000.5, 5000.5, -6935.158062252236471132],
    [2.5, 20000, -24.47412975774254743046],
  ])('logBeta(%d, %d)', (a, b, want) => {
    expect(relativeError(logBeta(a, b), want)).toBeLessThan(1e-14);
  });
});

describe('betaCdf (regularized incomplete beta)', () => {
  /** For integer a, b: I_x(a, b) = P(Binomial(a + b - 1, x) >= a), summed in log space. */
  function binomialTail(x: number, a: number, b: number): number {
    const n = a + b - 1;
    let sum = 0;
    for (let j = a; j <= n; j++) {
      const logTerm = logGamma(n + 1) - logGamma(j + 1) - logGamma(n - j + 1) + j * Math.log(x) + (n - j) * Math.log1p(-x);
      sum += Math.exp(logTerm);
    }
    return sum;
  }

  it.each([
    [0.3, 2, 3],
    [0.05, 51, 951],
    [0.9, 7, 2],
  ])('matches the binomial identity at x = %d, a = %d, b = %d', (x, a, b) => {
    expect(relativeError(betaCdf(x, a, b), binomialTail(x, a, b))).toBeLessThan(1e-12);
  });

  it('matches a 20-digit reference for large shapes', () => {
    // mpmath 1.3: betainc(501, 9501, 0, 0.05, regularized=True)
    expect(relativeError(betaCdf(0.05, 501, 9501), 0.48902005047571406176)).toBeLessThan(1e-13);
  });
});

describe('betaQuantile', () => {
  // References: bisection to 180 bits on mpmath 1.3's regularized betainc (40 digits).
  it.each([
    [0.1586553, 501, 9501, 0.047909515583148828015],
    [0.8413447, 501, 9501, 0.052270454267899342289],
    [0.1586553, 1.5, 2.5, 0.14173267049790132575],
    [0.8413447, 9500.3, 500.2, 0.95216163448956812664],
    [1e-10, 2, 3, 4.0824940158083329196e-6],
    [0.1586553, 120.7, 1.3, 0.98115314969846320774],
    [0.01, 1e5, 3, 0.99991594490425627066],
    [0.1586553, 12.25, 3.5, 0.67464010041954415671],
  ])('qbeta(%d; %d, %d)', (p, a, b, want) => {
    expect(relativeError(betaQuantile(p, a, b), want)).toBeLessThan(1e-13);
  });

  it('inverts the closed forms of Beta(1, b), Beta(a, 1) and the arcsine law', () => {
    for (const p of [0.001, 0.1586553, 0.5, 0.8413447, 0.999]) {
      expect(relativeError(betaQuantile(p, 1, 7.5), -Math.expm1(Math.log1p(-p) / 7.5))).toBeLessThan(1e-13);
      expect(relativeError(betaQuantile(p, 3.25, 1), p ** (1 / 3.25))).toBeLessThan(1e-13);
      expect(relativeError(betaQuantile(p, 0.5, 0.5), Math.sin((Math.PI * p) / 2) ** 2)).toBeLessThan(1e-13);
    }
  });

  it('is symmetric: qbeta(p; a, b) = 1 - qbeta(1 - p; b, a), and qbeta(1/2; a, a) = 1/2', () => {
    expect(betaQuantile(0.3, 40, 900) + betaQuantile(0.7, 900, 40)).toBeCloseTo(1, 15);
    expect(betaQuantile(0.5, 5000.5, 5000.5)).toBeCloseTo(0.5, 14);
  });

  it('round-trips through betaCdf', () => {
    for (const [a, b] of [
      [1.1, 1.1],
      [30, 3],
      [950, 9050],
      [9500.5, 500.5],
    ]) {
      for (const p of [1e-6, 0.1586553, 0.5, 0.8413447]) {
        expect(relativeError(betaCdf(betaQuantile(p, a, b), a, b), p)).toBeLessThan(1e-11);
      }
    }
  });

  it('returns the ends at p = 0 and 1 and NaN outside the domain', () => {
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaQuantile(1.5, 2, 3)).toBeNaN();
    expect(betaQuantile(0.5, 0, 3)).toBeNaN();
    expect(betaQuantile(0.5, Number.NaN, 3)).toBeNaN();
    expect(betaQuantile(0.5, Number.POSITIVE_INFINITY, 3)).toBeNaN();
  });
});
