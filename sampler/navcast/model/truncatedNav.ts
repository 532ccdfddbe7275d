/**
 * The optional truncated-normal NAV likelihood (docs/navcast-model.md e-4), kept for comparison with
 * the old system: NAV ~ N(mu, (sigma_n mu)^2) truncated to [lower, upper], mu = V_t e^{B_t}, with
 * its parameter-dependent normaliser. A sd proportional to mu keeps sigma_n's meaning close to
 * the log-normal default (a relative error).
 */
import { logPhiDensity, logPhiDifference } from './normalTail.js';

/**
 * log density of the NAV level (without -0.5 log 2pi) at m = log mu; writes d/dm to out[0]
 * and d/d log sigma_n to out[1].
 */
export function truncatedNavTerm(logNav: number, m: number, logSigmaN: number, lower: number, upper: number, out: Float64Array): number {
  const sigmaN = Math.exp(logSigmaN);
  const mu = Math.exp(m);
  const x = Math.exp(logNav - m);
  const z = (x - 1) / sigmaN;
  // Standardised bounds; d lo/dm = -(lo + 1/sigma_n), d lo/d log sigma_n = -lo (likewise hi).
  const lo = (lower / mu - 1) / sigmaN;
  const hi = upper === Infinity ? Infinity : (upper / mu - 1) / sigmaN;
  const logZ = logPhiDifference(lo, hi);
  const pLo = Math.exp(logPhiDensity(lo) - logZ);
  const pHi = hi === Infinity ? 0 : Math.exp(logPhiDensity(hi) - logZ);
  const hiM = hi === Infinity ? 0 : pHi * (hi + 1 / sigmaN);
  const hiS = hi === Infinity ? 0 : pHi * hi;
  out[0] = (z * x) / sigmaN - 1 + hiM - pLo * (lo + 1 / sigmaN);
  out[1] = z * z - 1 + hiS - pLo * lo;
  return -0.5 * z * z - logSigmaN - m - logZ;
}
