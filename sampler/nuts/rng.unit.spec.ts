import { describe, expect, it } from 'vitest';
import { standardNormalQuantile } from './normalQuantile.js';
import { Xoshiro256StarStar, xoshiro256StarStarReference } from './rng.js';

describe('xoshiro256**', () => {
  it('reference step reproduces the published first outputs for state {1,2,3,4}', () => {
    const s = [1n, 2n, 3n, 4n];
    // rotl(2*5, 7)*9 = 11520; the second output multiplies s1 = 0.
    expect(xoshiro256StarStarReference(s)).toBe(11520n);
    expect(xoshiro256StarStarReference(s)).toBe(0n);
  });

  it('the 32-bit hot path equals the 64-bit BigInt reference for 10,000 steps', () => {
    const rng = Xoshiro256StarStar.forStream(20240917, 3);
    const words = rng.saveState().words.map((w) => BigInt(`0x${w}`));
    let mismatches = 0;
    for (let i = 0; i < 10_000; i++) if (rng.nextUint64() !== xoshiro256StarStarReference(words)) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('same (seed, stream) gives the same stream; other seeds or streams differ', () => {
    const draw = (seed: number, stream: number) => {
      const rng = Xoshiro256StarStar.forStream(seed, stream);
      return Array.from({ length: 8 }, () => rng.uniform());
    };
    expect(draw(7, 0)).toEqual(draw(7, 0));
    expect(draw(7, 0)).not.toEqual(draw(8, 0));
    expect(draw(7, 0)).not.toEqual(draw(7, 1));
  });

  it('continues identically from a saved state', () => {
    const rng = Xoshiro256StarStar.forStream(1, 0);
    for (let i = 0; i < 100; i++) rng.normal();
    const saved = rng.saveState();
    const after = Array.from({ length: 50 }, () => rng.normal());
    const replay = Xoshiro256StarStar.fromState(saved);
    expect(Array.from({ length: 50 }, () => replay.normal())).toEqual(after);
  });

  it('uniforms stay inside (0, 1) and have mean 1/2 and variance 1/12', () => {
    const rng = Xoshiro256StarStar.forStream(99, 0);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u > 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // 5 standard errors: false-alarm rate below 1e-6.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('fillNormals writes exactly the values of as many normal() calls and leaves the same state', () => {
    const a = Xoshiro256StarStar.forStream(11, 2);
    const b = Xoshiro256StarStar.forStream(11, 2);
    const out = new Float64Array(1003).fill(7);
    a.fillNormals(out, 2, 1000);
    const expected = Array.from({ length: 1000 }, () => b.normal());
    expect(Array.from(out.subarray(2, 1002))).toEqual(expected);
    expect([out[0], out[1], out[1002]]).toEqual([7, 7, 7]);
    expect(a.saveState()).toEqual(b.saveState());
  });

  it('normals have mean 0, variance 1 and the right tail mass', () => {
    const rng = Xoshiro256StarStar.forStream(5, 2);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let beyond = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
      if (z > 1.959963984540054) beyond++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(beyond / n - 0.025)).toBeLessThan(5 * Math.sqrt((0.025 * 0.975) / n));
  });
});

describe('standardNormalQuantile (AS 241)', () => {
  it('matches known quantiles in all three regions', () => {
    expect(standardNormalQuantile(0.5)).toBe(0);
    expect(standardNormalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(standardNormalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 13);
    expect(standardNormalQuantile(1e-20) / -9.262340089798408).toBeCloseTo(1, 13);
  });

  it('is antisymmetric and NaN outside (0, 1)', () => {
    for (const u of [2 ** -40, 2 ** -7, 0.25, 0.375]) expect(standardNormalQuantile(1 - u)).toBeCloseTo(-standardNormalQuantile(u), 6);
    expect(standardNormalQuantile(0)).toBeNaN();
    expect(standardNormalQuantile(1)).toBeNaN();
    expect(standardNormalQuantile(Number.NaN)).toBeNaN();
  });
});
