import { describe, expect, it } from 'vitest';
import { DualAveraging } from './dualAveraging.js';
import { WindowedVarianceAdaptation } from './windowedAdaptation.js';

describe('windowed metric adaptation schedule (docs/nuts.md §1.6 table)', () => {
  it.each([
    [
      1000,
      [
        [75, 99],
        [100, 149],
        [150, 249],
        [250, 449],
        [450, 949],
      ],
    ],
    [
      2000,
      [
        [75, 99],
        [100, 149],
        [150, 249],
        [250, 449],
        [450, 849],
        [850, 1949],
      ],
    ],
    [
      500,
      [
        [75, 99],
        [100, 149],
        [150, 249],
        [250, 449],
      ],
    ],
    [
      300,
      [
        [75, 99],
        [100, 149],
        [150, 249],
      ],
    ],
    [
      200,
      [
        [75, 99],
        [100, 149],
      ],
    ],
    [150, [[75, 99]]],
    [100, [[15, 89]]],
    [50, [[7, 44]]],
    [19, []],
  ])('warmup %i gives windows %j', (warmup, windows) => {
    expect(WindowedVarianceAdaptation.windows(warmup)).toEqual(windows);
  });
});

describe('regularised diagonal metric', () => {
  it('is (n/(n+5)) var + 1e-3 (5/(n+5)) of the draws in the window, with the sample variance', () => {
    const adaptation = new WindowedVarianceAdaptation(150, 2); // one window, iterations 75..99
    const inverseMetric = new Float64Array([1, 1]);
    const draws: number[][] = [];
    let updates = 0;
    for (let it = 0; it < 100; it++) {
      const q = new Float64Array([Math.sin(it), 3 * Math.cos(0.7 * it) + 2]);
      if (it >= 75) draws.push(Array.from(q));
      if (adaptation.learn(q, inverseMetric)) {
        updates++;
        expect(it).toBe(99);
      }
    }
    expect(updates).toBe(1);
    const n = draws.length;
    expect(n).toBe(25);
    for (let i = 0; i < 2; i++) {
      const mean = draws.reduce((s, d) => s + d[i], 0) / n;
      const variance = draws.reduce((s, d) => s + (d[i] - mean) ** 2, 0) / (n - 1);
      expect(inverseMetric[i]).toBeCloseTo((n / (n + 5)) * variance + 1e-3 * (5 / (n + 5)), 12);
    }
  });

  it('fails loudly when the adapted metric overflows', () => {
    const adaptation = new WindowedVarianceAdaptation(150, 1);
    const inverseMetric = new Float64Array([1]);
    expect(() => {
      for (let it = 0; it < 100; it++) adaptation.learn(new Float64Array([it % 2 === 0 ? 1e300 : -1e300]), inverseMetric);
    }).toThrow(expect.objectContaining({ code: 'SAMPLER_METRIC_NOT_FINITE' }));
  });
});

describe('dual averaging (Stan stepsize_adaptation)', () => {
  it('reproduces a hand-computed sequence with delta 0.8, gamma 0.05, t0 10, kappa 0.75', () => {
    const da = new DualAveraging(0.8);
    da.mu = Math.log(10);
    const accepts = [0.2, 1.4, 0.9, 0.5];
    let sBar = 0;
    let xBar = 0;
    accepts.forEach((accept, k) => {
      const t = k + 1;
      const eta = 1 / (t + 10);
      sBar = (1 - eta) * sBar + eta * (0.8 - Math.min(1, accept));
      const x = Math.log(10) - (sBar * Math.sqrt(t)) / 0.05;
      const w = t ** -0.75;
      xBar = (1 - w) * xBar + w * x;
      expect(da.learn(accept)).toBeCloseTo(Math.exp(x), 12);
    });
    expect(da.finalStepSize()).toBeCloseTo(Math.exp(xBar), 12);
    // First step by hand: s = (0.8 - 0.2)/11, x = log 10 - s/0.05, x_bar = x.
    const first = new DualAveraging(0.8);
    first.mu = Math.log(10);
    expect(Math.log(first.learn(0.2))).toBeCloseTo(Math.log(10) - 0.6 / 11 / 0.05, 12);
  });

  it('drives the step size to the one whose acceptance equals delta', () => {
    // Acceptance model a(eps) = exp(-eps^2): the fixed point is eps* = sqrt(-log 0.8).
    const da = new DualAveraging(0.8);
    da.mu = Math.log(10);
    let eps = 1;
    for (let i = 0; i < 2000; i++) eps = da.learn(Math.exp(-eps * eps));
    expect(da.finalStepSize()).toBeCloseTo(Math.sqrt(-Math.log(0.8)), 2);
  });

  it('restart clears the averages but keeps mu', () => {
    const da = new DualAveraging(0.8);
    da.mu = 1.5;
    da.learn(0.3);
    da.restart();
    expect(da.saveState()).toEqual({ mu: 1.5, counter: 0, sBar: 0, xBar: 0 });
    expect(da.finalStepSize()).toBe(1);
  });
});
