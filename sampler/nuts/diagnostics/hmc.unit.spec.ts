import { describe, expect, it } from 'vitest';
import { countDivergences, countTreeDepthSaturation, eBfmi, eBfmiPerChain, hmcDiagnostics } from './index.js';

describe('E-BFMI', () => {
  it('hand example: sum of squared steps over sum of squared deviations', () => {
    // E = 1, 3, 2, 5: steps 2, -1, 3 -> 14; mean 2.75, deviations^2 sum to 8.75; 14 / 8.75 = 1.6.
    expect(eBfmi([1, 3, 2, 5])).toBeCloseTo(1.6, 15);
    expect(eBfmi(Float64Array.from([1, 3, 2, 5]))).toBeCloseTo(1.6, 15);
  });

  it('is small for a slowly drifting energy and about 2 for an alternating one', () => {
    const drifting = Array.from({ length: 1000 }, (_, i) => Math.sin(i / 100));
    expect(eBfmi(drifting)).toBeLessThan(0.01);
    expect(eBfmi(Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 1 : -1)))).toBeCloseTo(4, 1);
  });

  it('is NaN when undefined and computed per chain', () => {
    expect(eBfmi([3])).toBeNaN();
    expect(eBfmi([2, 2, 2])).toBeNaN();
    expect(
      eBfmiPerChain([
        [1, 3, 2, 5],
        [5, 2, 3, 1],
      ]),
    ).toEqual([eBfmi([1, 3, 2, 5]), eBfmi([5, 2, 3, 1])]);
  });
});

describe('divergence and tree-depth counts', () => {
  it('counts per chain and in total', () => {
    expect(countDivergences([Uint8Array.from([0, 1, 1]), [true, false, false]])).toEqual({ total: 3, perChain: [2, 1] });
    expect(countTreeDepthSaturation([Int32Array.from([10, 3, 10]), [9, 11]], 10)).toEqual({ total: 3, perChain: [2, 1] });
  });

  it('summarizes sampler statistics of every chain', () => {
    const chain = (divergent: number[], treeDepth: number[], energy: number[]) => ({
      stats: { divergent: Uint8Array.from(divergent), treeDepth: Int32Array.from(treeDepth), energy: Float64Array.from(energy) },
    });
    const result = hmcDiagnostics([chain([0, 0, 1, 0], [3, 4, 4, 4], [1, 3, 2, 5]), chain([0, 0, 0, 0], [2, 2, 3, 2], [5, 2, 3, 1])], 4);
    expect(result.divergences).toEqual({ total: 1, perChain: [1, 0] });
    expect(result.treeDepthSaturation).toEqual({ total: 3, perChain: [3, 0] });
    expect(result.eBfmi[0]).toBeCloseTo(1.6, 15);
  });
});
