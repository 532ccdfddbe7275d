/** Posterior summaries of a scalar over pooled draws. */

/** Probabilities of the reported quantiles (issue 5 item 6). */
export const BAND_PROBABILITIES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

/** Mean and the 5, 10, 25, 50, 75, 90 and 95% quantiles (type 7). */
export interface Band {
  readonly mean: number;
  readonly q5: number;
  readonly q10: number;
  readonly q25: number;
  readonly q50: number;
  readonly q75: number;
  readonly q90: number;
  readonly q95: number;
}

function quantileOfSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The band of `values` ignoring NaN (NaN everywhere when none is finite). */
export function band(values: ArrayLike<number>): Band {
  const finite = Float64Array.from(Array.prototype.filter.call(values, (x: number) => Number.isFinite(x)) as number[]).sort();
  const q = (p: number) => (finite.length === 0 ? Number.NaN : quantileOfSorted(finite, p));
  const mean = finite.length === 0 ? Number.NaN : finite.reduce((s, x) => s + x, 0) / finite.length;
  return { mean, q5: q(0.05), q10: q(0.1), q25: q(0.25), q50: q(0.5), q75: q(0.75), q90: q(0.9), q95: q(0.95) };
}

/** Share of finite values above `threshold`. */
export function probabilityAbove(values: ArrayLike<number>, threshold: number): number {
  let above = 0,
    finite = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    finite += 1;
    if (values[i] > threshold) above += 1;
  }
  return finite === 0 ? Number.NaN : above / finite;
}
