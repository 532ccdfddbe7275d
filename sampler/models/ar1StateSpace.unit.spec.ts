import { describe, expect, it } from 'vitest';
import { AR1_SIMULATION, ar1StateSpace, simulateAr1StateSpace } from './ar1StateSpace.js';
import { loadGolden } from './fixtures/golden.js';
import { gradientError } from './kit/index.js';

describe('AR(1) state-space posterior', () => {
  const golden = loadGolden().ar1StateSpace;

  it('matches the scipy log density computed from the latent covariance form', () => {
    const target = ar1StateSpace(golden.data);
    const grad = new Float64Array(target.dim);
    golden.points.forEach((p, i) => {
      const lp = target.logDensityGradient(Float64Array.from(p), grad);
      expect(Math.abs(lp - golden.logDensity[i])).toBeLessThan(1e-10 * Math.abs(golden.logDensity[i]));
    });
  });

  it('has d = 504 at T = 500 and a gradient that agrees with finite differences', () => {
    const data = simulateAr1StateSpace();
    const target = ar1StateSpace(data);
    expect(target.dim).toBe(504);
    const q = new Float64Array(504);
    let state = 7;
    for (const centre of [
      [0.5, Math.log(0.3), Math.atanh(0.9), Math.log(0.4)],
      [-1, 0.5, -0.5, -2],
      [2, -3, 2.5, 0.3],
    ]) {
      q.set(centre);
      for (let i = 4; i < 504; i++) {
        state = (state * 48271) % 2147483647;
        q[i] = (state / 2147483647) * 4 - 2;
      }
      const worst = gradientError(target, q);
      expect(worst.relativeError, JSON.stringify(worst)).toBeLessThan(1e-6);
    }
  });

  it('simulates the same series from the same seed, and a different one from another', () => {
    const a = simulateAr1StateSpace();
    expect(a.y).toHaveLength(AR1_SIMULATION.T);
    expect(simulateAr1StateSpace().y).toEqual(a.y);
    expect(simulateAr1StateSpace({ ...AR1_SIMULATION, seed: 1 }).y).not.toEqual(a.y);
    const mean = a.y.reduce((s, v) => s + v, 0) / a.y.length;
    expect(Math.abs(mean - AR1_SIMULATION.mu)).toBeLessThan(0.5);
  });

  it('reports latent states x_t and rejects overflow without NaN', () => {
    const target = ar1StateSpace(golden.data);
    const q = Float64Array.from(golden.points[0]);
    const x = target.constrain(q);
    expect(target.parameterNames[4]).toBe('x[1]');
    expect(x[4]).toBeCloseTo(q[0] + (Math.exp(q[1]) / Math.sqrt(1 - Math.tanh(q[2]) ** 2)) * q[4], 12);
    const grad = new Float64Array(target.dim);
    for (const i of [1, 2, 3]) {
      for (const extreme of [800, -800]) {
        const p = Float64Array.from(q);
        p[i] = extreme;
        expect(Number.isNaN(target.logDensityGradient(p, grad))).toBe(false);
      }
    }
    q[3] = -800;
    expect(target.logDensityGradient(q, grad)).toBe(Number.NEGATIVE_INFINITY);
  });
});
