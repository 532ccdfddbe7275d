import { Xoshiro256StarStar } from '../rng.js';

/**
 * Deterministic AR(1) chains x_t = phi x_{t-1} + sqrt(1 - phi^2) e_t (stationary unit
 * variance, started in stationarity) plus `shift[c]` and times `scale[c]` per chain: test
 * input with known autocorrelation phi^k. Only for tests.
 */
export function ar1Chains(seed: number, chains: number, n: number, phi: number, shift: readonly number[] = [], scale: readonly number[] = []): Float64Array[] {
  return Array.from({ length: chains }, (_, c) => {
    const rng = Xoshiro256StarStar.forStream(seed, c);
    const out = new Float64Array(n);
    const innovation = Math.sqrt(1 - phi * phi);
    let x = rng.normal();
    for (let t = 0; t < n; t++) {
      if (t > 0) x = phi * x + innovation * rng.normal();
      out[t] = (shift[c] ?? 0) + (scale[c] ?? 1) * x;
    }
    return out;
  });
}
