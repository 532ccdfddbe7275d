import { describe, expect, it } from 'vitest';
import { coordinateDraws, DiagnosticsInputError, essBulk, essTail, mcseMean, mcseSd, rhat, summarizeParameter } from './index.js';
import { ar1Chains } from './testDraws.js';

describe('summarizeParameter', () => {
  it('hand example: location and scale measures as R computes them', () => {
    const s = summarizeParameter([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    expect(s.mean).toBe(4.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(6), 15); // var(1..8) = 6
    expect(s.median).toBe(4.5);
    expect(s.mad).toBeCloseTo(1.4826 * 2, 14); // |x - 4.5| = 3.5, 2.5, 1.5, 0.5 (twice): median 2
    expect(s.q5).toBeCloseTo(1.35, 14); // 1 + 7 * 0.05
    expect(s.q95).toBeCloseTo(7.65, 14);
  });

  it('agrees with the individual diagnostics on Float64Array and number[] input', () => {
    const draws = ar1Chains(31, 4, 800, 0.7);
    const s = summarizeParameter(draws);
    expect(s.rhat).toBe(rhat(draws));
    expect(s.essBulk).toBe(essBulk(draws));
    expect(s.essTail).toBe(essTail(draws));
    expect(s.mcseMean).toBe(mcseMean(draws));
    expect(s.mcseSd).toBe(mcseSd(draws));
    expect(summarizeParameter(draws.map((c) => Array.from(c)))).toEqual(s);
  });

  it('reports NaN diagnostics for constant draws but keeps the moments', () => {
    const s = summarizeParameter([
      [3, 3, 3, 3, 3, 3],
      [3, 3, 3, 3, 3, 3],
    ]);
    expect([s.mean, s.sd, s.median, s.mad, s.q5, s.q95]).toEqual([3, 0, 3, 0, 3, 3]);
    for (const v of [s.rhat, s.essBulk, s.essTail, s.mcseMean, s.mcseSd]) expect(v).toBeNaN();
  });

  it('reports NaN everywhere for a NaN draw', () => {
    const s = summarizeParameter([
      [1, 2, 3, Number.NaN],
      [2, 3, 4, 5],
    ]);
    for (const v of Object.values(s)) expect(v).toBeNaN();
  });
});

describe('coordinateDraws', () => {
  it('turns per-draw vectors into chains x iterations for one coordinate', () => {
    const chains = [
      [Float64Array.from([1, 10]), Float64Array.from([2, 20])],
      [Float64Array.from([3, 30]), Float64Array.from([4, 40])],
    ];
    expect(coordinateDraws(chains, 1).map((c) => [...c])).toEqual([
      [10, 20],
      [30, 40],
    ]);
    expect(() => coordinateDraws(chains, 2)).toThrow(DiagnosticsInputError);
  });
});
