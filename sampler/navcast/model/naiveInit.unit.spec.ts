import { describe, expect, it } from 'vitest';
import { naiveInitialPoint, naiveNowcast } from './naiveInit.js';
import { navcastTarget } from './target.js';
import { golden, normalStream } from './testdata/fixtures.js';

describe('naive nowcast and initialisation (b.8)', () => {
  it('passes through every NAV published by tau and through V_0', () => {
    const fund = golden.cases[0].fund;
    const path = naiveNowcast(fund, 300);
    expect(path[0]).toBe(fund.C[0] - fund.D[0]);
    fund.nav.forEach((nav, t) => {
      if (nav === null || t > 300) return;
      if (fund.navPub[t] <= 300) expect(path[t]).toBe(nav);
      else expect(path[t]).not.toBe(nav);
    });
    expect(path.every((v) => v > 0)).toBe(true);
  });

  for (const c of golden.cases) {
    it(`gives a finite log density for fund ${c.seed} in every window and parameterisation`, () => {
      for (const tau of [26, 156, 400, 520]) {
        for (const whitened of [false, true]) {
          const target = navcastTarget(c.fund, { tau, whitened });
          const q = naiveInitialPoint(target, c.fund);
          expect(q).toHaveLength(target.dim);
          expect(Number.isFinite(target.logDensity(q)), `tau ${tau}, whitened ${whitened}`).toBe(true);
        }
      }
    });
  }
});

describe('packing of the unconstrained vector', () => {
  for (const whitened of [false, true]) {
    it(`unpack then pack returns q (${whitened ? 'whitened' : 'plain'}, Category 1 fixed)`, () => {
      const fund = golden.cases[2].fund;
      const target = navcastTarget(fund, { tau: 400, whitened, options: { fixed: { betaCM: 1.02, sigmaD: 0.45 } } });
      const normal = normalStream(5);
      const q = Float64Array.from({ length: target.dim }, () => 0.5 * normal());
      const again = target.pack(target.unpack(q));
      again.forEach((x, i) => expect(x).toBeCloseTo(q[i], 12));
      expect(target.unpack(q).betaCM).toBe(1.02);
    });
  }

  it('writes the gradient into the caller buffer and allocates no arrays per call', () => {
    const fund = golden.cases[0].fund;
    const target = navcastTarget(fund, { tau: 520, whitened: true });
    const q = naiveInitialPoint(target, fund);
    const grad = new Float64Array(target.dim);
    const value = target.logDensityGradient(q, grad);
    const first = Float64Array.from(grad);
    for (let i = 0; i < 2000; i++) target.logDensityGradient(q, grad);
    // Per-call arrays show up as growth of the heap plus array-buffer memory (4 kB per 533 doubles).
    // The least growth over several rounds: a real per-call array shows in every round, while
    // allocations of the test runner itself (IPC with the pool, timers) land in some only.
    const calls = 20000;
    const rounds: number[] = [];
    for (let round = 0; round < 5; round++) {
      const before = process.memoryUsage();
      for (let i = 0; i < calls; i++) target.logDensityGradient(q, grad);
      const after = process.memoryUsage();
      rounds.push((after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / calls);
    }
    // Allowed: the boxed return value (16 bytes). A scavenge in between could only lower this.
    expect(Math.min(...rounds)).toBeLessThan(100);
    expect(target.logDensityGradient(q, grad)).toBe(value);
    expect(grad).toEqual(first);
  });
});
