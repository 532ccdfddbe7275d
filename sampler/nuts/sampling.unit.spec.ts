import { describe, expect, it } from 'vitest';
import { mcseMean, mcseSd } from './diagnostics/index.js';
import { sample } from './sample.js';
import { normalTarget } from './testTargets.js';
import type { LogDensityTarget, SampleResult } from './types.js';

/**
 * Posterior checks against exact answers. Each estimate must lie within Z MCSEs of the truth;
 * with Z = 4.5 a correct sampler fails one comparison with probability about 7e-6, so these
 * ~40 comparisons raise a false alarm well below 1e-3 per seed (the seeds are fixed).
 */
const Z = 4.5;

function coordinate(result: SampleResult, i: number, f: (x: number) => number = (x) => x): number[][] {
  return result.chains.map((c) => c.draws.map((d) => f(d[i])));
}

function expectMoments(result: SampleResult, i: number, mean: number, sd: number): void {
  const draws = coordinate(result, i);
  const all = draws.flat();
  const m = all.reduce((s, x) => s + x, 0) / all.length;
  const s = Math.sqrt(all.reduce((acc, x) => acc + (x - m) ** 2, 0) / (all.length - 1));
  expect(Math.abs(m - mean)).toBeLessThan(Z * mcseMean(draws));
  expect(Math.abs(s - sd)).toBeLessThan(Z * mcseSd(draws));
}

const totalDivergences = (result: SampleResult) => result.chains.reduce((n, c) => n + c.stats.divergent.reduce((a, b) => a + b, 0), 0);

describe('sampling exact targets', () => {
  it('standard normal in 10 dimensions: means 0, sds 1, no divergences, adapted like Stan', () => {
    const dim = 10;
    const result = sample(normalTarget(new Array(dim).fill(0), new Array(dim).fill(1)), { seed: 11, chains: 4 });
    for (let i = 0; i < dim; i++) expectMoments(result, i, 0, 1);
    expect(totalDivergences(result)).toBe(0);
    for (const chain of result.chains) {
      expect(chain.draws).toHaveLength(1000);
      // Dual averaging ends above delta = 0.8 (docs/nuts.md §1.5: about 0.87 on iid normals).
      const meanAccept = chain.stats.acceptStat.reduce((a, b) => a + b, 0) / 1000;
      expect(meanAccept).toBeGreaterThan(0.8);
      expect(meanAccept).toBeLessThan(0.97);
      for (const v of chain.inverseMetric) expect(Math.abs(v - 1)).toBeLessThan(0.35);
    }
  });

  it('correlated Gaussian (rho = 0.9, sds 1 and 4, shifted mean): means and sds', () => {
    // Precision of [[1, 0.9*4], [0.9*4, 16]] written out: Sigma^-1 = [[16, -3.6], [-3.6, 1]] / det.
    const det = 16 - 3.6 * 3.6;
    const mu = [3, -1];
    const target: LogDensityTarget = {
      dim: 2,
      logDensityGradient(q, grad) {
        const a = q[0] - mu[0];
        const b = q[1] - mu[1];
        grad[0] = -(16 * a - 3.6 * b) / det;
        grad[1] = -(-3.6 * a + b) / det;
        return 0.5 * (a * grad[0] + b * grad[1]);
      },
    };
    const result = sample(target, { seed: 5, chains: 4, draws: 1500 });
    expectMoments(result, 0, 3, 1);
    expectMoments(result, 1, -1, 4);
    expect(totalDivergences(result)).toBe(0);
  });

  it('a target that throws or returns NaN outside its support is handled as rejection', () => {
    // Half-normal on q > 0: throws for q < 0 and returns NaN at q = 0 exactly.
    let rejected = 0;
    const target: LogDensityTarget = {
      dim: 1,
      logDensityGradient(q, grad) {
        if (q[0] < 0) {
          rejected++;
          throw new RangeError('q must be positive');
        }
        if (q[0] === 0) return Number.NaN;
        grad[0] = -q[0];
        return -0.5 * q[0] * q[0];
      },
    };
    const result = sample(target, { seed: 3, chains: 4 });
    expect(rejected).toBeGreaterThan(0);
    expect(result.chains.every((c) => c.draws.every((d) => d[0] > 0))).toBe(true);
    expectMoments(result, 0, Math.sqrt(2 / Math.PI), Math.sqrt(1 - 2 / Math.PI));
    // Each rejection ends its trajectory as a divergence, as in Stan.
    expect(totalDivergences(result)).toBeGreaterThan(0);
  });

  it("Neal's funnel in its centered form reports divergences", () => {
    // y ~ N(0, 3), x_i ~ N(0, exp(y / 2)), i = 1..9.
    const target: LogDensityTarget = {
      dim: 10,
      logDensityGradient(q, grad) {
        const y = q[0];
        const precision = Math.exp(-y);
        let sumSq = 0;
        for (let i = 1; i < 10; i++) {
          sumSq += q[i] * q[i];
          grad[i] = -q[i] * precision;
        }
        grad[0] = -y / 9 - 4.5 + 0.5 * sumSq * precision;
        return -(y * y) / 18 - 4.5 * y - 0.5 * sumSq * precision;
      },
    };
    const result = sample(target, { seed: 2, chains: 2, warmup: 500, draws: 500 });
    expect(totalDivergences(result)).toBeGreaterThan(0);
  });
});
