/**
 * log Phi (standard normal CDF) to near machine precision over the whole real line, for the
 * normaliser of the truncated-normal NAV likelihood. erfc comes from the positive-term series
 * of erf for small arguments and from the Laplace continued fraction for large ones, kept in
 * log space so that far tails do not underflow.
 */
import { HALF_LOG_2PI } from './window.js';

const SQRT1_2 = Math.SQRT1_2;
const LOG_SQRT_PI = 0.5 * Math.log(Math.PI);

/** log erfc(z) for z >= 0. */
function logErfc(z: number): number {
  if (z < 2) {
    // erf(z) = 2/sqrt(pi) e^{-z^2} sum_n 2^n z^(2n+1) / (1*3*...*(2n+1)); all terms positive.
    let term = z;
    let sum = z;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * z * z) / (2 * n + 1);
      sum += term;
    }
    return Math.log1p(-(2 / Math.sqrt(Math.PI)) * Math.exp(-z * z) * sum);
  }
  // erfc(z) = e^{-z^2}/sqrt(pi) / (z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))), evaluated backwards.
  let f = z;
  for (let n = 120; n >= 1; n--) f = z + n / 2 / f;
  return -z * z - LOG_SQRT_PI - Math.log(f);
}

/** log Phi(x). */
export function logPhi(x: number): number {
  if (x === Infinity) return 0;
  if (x === -Infinity) return -Infinity;
  if (x < 0) return logErfc(-x * SQRT1_2) - Math.LN2;
  // Phi(x) = 1 - Phi(-x); log1p keeps the upper tail's tiny deficit.
  return Math.log1p(-Math.exp(logErfc(x * SQRT1_2) - Math.LN2));
}

/** log of the standard normal density; -Infinity at +-Infinity. */
export function logPhiDensity(x: number): number {
  return -0.5 * x * x - HALF_LOG_2PI;
}

/** log(Phi(b) - Phi(a)) for a < b, accurate when both lie in the same tail. */
export function logPhiDifference(a: number, b: number): number {
  if (a >= 0) {
    const hi = logPhi(-a);
    return hi + Math.log1p(-Math.exp(logPhi(-b) - hi));
  }
  const hi = logPhi(b);
  return hi + Math.log1p(-Math.exp(logPhi(a) - hi));
}
