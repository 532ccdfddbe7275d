import { standardNormalQuantile } from '../normalQuantile.js';

/** Ascending copy; NaN sorts last (typed-array sort is numeric). */
export function sortedCopy(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x).sort();
}

/**
 * R's `quantile(x, p)` with its default type 7, on already sorted values: h = 1 + (S-1)p,
 * interpolated as (1-f)*x[lo] + f*x[hi] exactly as R writes it, so that the indicator
 * x <= quantile agrees with posterior even when the quantile lands on a draw.
 * NaN when any value is NaN (R refuses; posterior's quantile2 returns NA).
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(sorted[n - 1])) return Number.NaN;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo - 1];
  const upper = sorted[hi - 1];
  if (index > lo && upper !== qs) {
    const f = index - lo;
    return (1 - f) * qs + f * upper;
  }
  return qs;
}

/** R's median: the middle value, or the mean of the two middle values. */
export function medianSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(sorted[n - 1])) return Number.NaN;
  const half = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

/** Median of unsorted values. */
export function median(x: ArrayLike<number>): number {
  return medianSorted(sortedCopy(x));
}

/** R's `mad`: 1.4826 * median(|x - median(x)|) (1.4826 is R's default constant, ~1/Phi^-1(3/4)). */
export function mad(x: ArrayLike<number>, center = median(x)): number {
  const dev = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) dev[i] = Math.abs(x[i] - center);
  return 1.4826 * median(dev);
}

/** First index in sorted[0..end) whose value is >= v (or > v when strict). */
function searchSorted(sorted: Float64Array, end: number, v: number, strict: boolean): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v || (strict && sorted[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * R's `rank(x, ties.method = "average")` (1-based). NaN entries get NaN here; the others are
 * ranked among themselves, which is what R gives them too (its NAs take the last ranks).
 * Found by binary search in a natively sorted copy: the values equal to x occupy sorted
 * positions [first, last), so their average 1-based rank is (first + 1 + last) / 2.
 */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const sorted = sortedCopy(x);
  let finiteEnd = sorted.length;
  while (finiteEnd > 0 && Number.isNaN(sorted[finiteEnd - 1])) finiteEnd--;
  const ranks = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isNaN(v)) {
      ranks[i] = Number.NaN;
      continue;
    }
    const first = searchSorted(sorted, finiteEnd, v, false);
    const last = searchSorted(sorted, finiteEnd, v, true);
    ranks[i] = (first + 1 + last) / 2;
  }
  return ranks;
}

/** Blom's fractional offset, posterior's default for rank normalization. */
export const BLOM_OFFSET = 3 / 8;

/**
 * posterior's `z_scale`: ranks over all pooled entries mapped through the inverse normal CDF,
 * Phi^-1((r - c) / (S - 2c + 1)), with S counting every entry (NaN ones included).
 */
export function zScale(x: ArrayLike<number>, offset = BLOM_OFFSET): Float64Array {
  const ranks = averageRanks(x);
  const denominator = x.length - 2 * offset + 1;
  return ranks.map((r) => standardNormalQuantile((r - offset) / denominator));
}
