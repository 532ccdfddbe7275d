/**
 * Tests for the NAVcast validation: Pearson's chi-square test of uniform bins (for SBC rank
 * histograms) with its p-value from the regularised upper incomplete gamma function, and
 * binomial coverage summaries.
 */

/** log Gamma(x), x > 0 (Lanczos, g = 7, 9 terms; relative error < 1e-14). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let k = 1; k < 9; k++) sum += c[k] / (z + k);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularised upper incomplete gamma Q(a, x) = Gamma(a, x) / Gamma(a) (series below a + 1, Lentz continued fraction above). */
export function upperGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a,
      sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  const tiny = 1e-300;
  let b = x + 1 - a,
    c = 1 / tiny,
    d = 1 / b,
    h = d;
  for (let n = 1; n < 10_000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    d = Math.abs(d) < tiny ? tiny : d;
    c = b + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/** Pearson's chi-square test that `counts` come from equally likely bins. */
export interface ChiSquareTest {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/** Chi-square test of equal bin probabilities for `counts` (df = bins - 1). */
export function chiSquareUniform(counts: readonly number[]): ChiSquareTest {
  const n = counts.reduce((s, x) => s + x, 0);
  const expected = n / counts.length;
  const statistic = counts.reduce((s, x) => s + (x - expected) ** 2 / expected, 0);
  const df = counts.length - 1;
  return { statistic, df, pValue: upperGammaQ(df / 2, statistic / 2) };
}

/** Counts of ranks 0..maxRank in `bins` equal bins ((maxRank + 1) must be a multiple of bins). */
export function binRanks(ranks: readonly number[], maxRank: number, bins: number): number[] {
  if ((maxRank + 1) % bins !== 0) throw new RangeError(`${maxRank + 1} possible ranks do not split into ${bins} equal bins`);
  const width = (maxRank + 1) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const r of ranks) counts[Math.floor(r / width)] += 1;
  return counts;
}

/** Binomial standard error of a proportion p over n trials. */
export const proportionSe = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);
