/**
 * Gamma and beta variates for the simulator's call sizes (docs/navcast-model.md c.1: unfunded
 * commitment x Beta(1.5, 8.5)).
 */
import type { RandomSource } from '../../nuts/rng.js';

/** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape < 1 via the boost U^(1/shape). */
export function gammaVariate(rng: RandomSource, shape: number): number {
  if (shape < 1) return gammaVariate(rng, shape + 1) * rng.uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rng.uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function betaVariate(rng: RandomSource, a: number, b: number): number {
  const x = gammaVariate(rng, a);
  return x / (x + gammaVariate(rng, b));
}
