import { betaCdf, logBeta, logBetaDensity } from './incompleteBeta.js';
import { standardNormalQuantile } from '../normalQuantile.js';

const MAX_STEPS = 2000;

/** Lower-half solve (p <= 1/2) of I_x(a, b) = p: safeguarded Newton inside a shrinking bracket. */
function lowerQuantile(p: number, a: number, b: number): number {
  const total = a + b;
  const sd = Math.sqrt((a * b) / (total * total * (total + 1)));
  let x = a / total + sd * standardNormalQuantile(p);
  if (!(x > 0 && x < 1)) {
    // Small-x asymptote I_x ~ x^a / (a B(a, b)) where the normal guess leaves (0, 1).
    x = Math.min(0.5, Math.exp((Math.log(p * a) + logBeta(a, b)) / a));
  }
  let lo = 0;
  let hi = 1;
  for (let step = 0; step < MAX_STEPS; step++) {
    const f = betaCdf(x, a, b) - p;
    if (Number.isNaN(f)) return Number.NaN;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    let next = x - f / Math.exp(logBetaDensity(x, a, b));
    // Outside the bracket: bisect, or halve towards 0 while no lower bound is known (tiny quantiles).
    if (!(next > lo && next < hi)) next = lo > 0 ? (lo + hi) / 2 : hi / 2;
    if (Math.abs(next - x) <= 2 * Number.EPSILON * next || hi - lo <= 2 * Number.EPSILON * hi) return next;
    x = next;
  }
  return Number.NaN;
}

/**
 * Quantile of the Beta(a, b) distribution: the x in [0, 1] with I_x(a, b) = p, to about
 * 1e-14 relative (the accuracy of the incomplete beta it inverts). The upper half is solved as
 * 1 - qbeta(1 - p; b, a) so that both tails keep their precision. NaN for p outside [0, 1] or
 * non-positive / non-finite shapes. Replaces R's qbeta in posterior's mcse_quantile.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1) || !(a > 0 && b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  return p <= 0.5 ? lowerQuantile(p, a, b) : 1 - lowerQuantile(1 - p, b, a);
}
