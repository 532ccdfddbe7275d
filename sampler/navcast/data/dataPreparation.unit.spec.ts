import { describe, expect, it } from 'vitest';
import { filterForward, fitGarch } from './garch.js';
import { olsFit } from './ols.js';
import { prepareFund } from './prepare.js';
import { PRESETS } from '../simulate/presets.js';
import { simulateFund } from '../simulate/simulator.js';
import { namedStream } from '../model/streams.js';

describe('olsFit', () => {
  it('matches the closed form on a hand-computed case', () => {
    // x = 1..5, y = 2,4,5,4,5: Sxx = 10, Sxy = 6, beta = 0.6, alpha = 4 - 0.6*3 = 2.2,
    // residuals -0.8, 0.6, 1, -0.6, -0.2, SSR = 2.4, s^2 = 0.8,
    // se(beta) = sqrt(0.8/10), se(alpha) = sqrt(0.8 (1/5 + 9/10)).
    const fit = olsFit([2, 4, 5, 4, 5, null], [1, 2, 3, 4, 5, 6])!;
    expect(fit.n).toBe(5);
    expect(fit.beta).toBeCloseTo(0.6, 14);
    expect(fit.alpha).toBeCloseTo(2.2, 14);
    expect(fit.sigma).toBeCloseTo(Math.sqrt(0.8), 14);
    expect(fit.seBeta).toBeCloseTo(Math.sqrt(0.08), 14);
    expect(fit.seAlpha).toBeCloseTo(Math.sqrt(0.88), 14);
  });

  it('returns null when x is constant or fewer than 3 pairs', () => {
    expect(olsFit([1, 2, 3], [1, 1, 1])).toBeNull();
    expect(olsFit([1, 2, null], [1, 2, 3])).toBeNull();
  });
});

describe('fitGarch', () => {
  it('recovers (omega, a, b) from a long simulated series', () => {
    const [omega, a, b] = [1e-5, 0.06, 0.92];
    const rng = namedStream(42, 'garch-test');
    const xs: number[] = [];
    let h = omega / (1 - a - b),
      x = 0;
    for (let t = 0; t < 20_000; t++) {
      h = omega + a * x * x + b * h;
      x = Math.sqrt(h) * rng.normal();
      xs.push(x);
    }
    const fit = fitGarch(xs);
    expect(fit.ok).toBe(true);
    expect(Math.abs(fit.a - a)).toBeLessThan(0.01);
    expect(Math.abs(fit.b - b)).toBeLessThan(0.012);
    expect(Math.abs(fit.a + fit.b - (a + b))).toBeLessThan(0.01);
    expect(Math.abs(fit.omega / (1 - fit.a - fit.b) / (omega / (1 - a - b)) - 1)).toBeLessThan(0.15);
  });

  it('filters forward without look-ahead: h_t depends only on residuals before t', () => {
    const rng = namedStream(1, 'filter');
    const fit = fitGarch(Array.from({ length: 300 }, () => 0.01 * rng.normal()));
    const residuals = [null, 0.02, -0.01, null, 0.03];
    const h = filterForward(fit, residuals);
    expect(h[1]).toBeCloseTo(fit.omega + fit.a * fit.lastResidual ** 2 + fit.b * fit.lastH, 18);
    expect(h[2]).toBeCloseTo(fit.omega + fit.a * 0.02 ** 2 + fit.b * h[1], 18);
    expect(h[4]).toBeCloseTo(fit.omega + fit.b * h[3], 18); // week 3 missing: residual 0
    const changedLast = filterForward(fit, [null, 0.02, -0.01, null, 0.5]);
    expect(changedLast).toEqual(h);
  });
});

describe('prepareFund', () => {
  it('uses the regression and GARCH on a simulated history and scales money by the commitment', () => {
    const { input, truth } = simulateFund(PRESETS.buyout, 5);
    const prepared = prepareFund(input);
    expect(prepared.preparation.varianceSource).toBe('garch');
    expect(prepared.preparation.flags).toEqual([]);
    expect(prepared.fund.C[0]).toBeCloseTo(0.1, 12);
    expect(Math.abs(prepared.preparation.regression!.beta - 1)).toBeLessThan(0.15);
    expect(prepared.priors.beta_cM).toMatchObject({ kind: 'normal' });
    // Estimated h tracks the true h on average (same unconditional level within 30%).
    const mean = (x: number[]) => x.slice(1).reduce((s, v) => s + v, 0) / (x.length - 1);
    expect(Math.abs(mean(prepared.fund.h as number[]) / mean(truth.h) - 1)).toBeLessThan(0.3);
  });

  it('flags each fallback', () => {
    const { input } = simulateFund(PRESETS.buyout, 5);
    const noHistory = prepareFund({ ...input, history: undefined });
    expect(noHistory.preparation.flags.map((f) => f.code)).toEqual(['NO_HISTORY']);
    expect(noHistory.fund.h[7]).toBeCloseTo(0.04 / 52, 15);
    const short = prepareFund({ ...input, history: { marketReturns: input.history!.marketReturns.slice(-150), comparableReturns: input.history!.comparableReturns.slice(-150) } });
    expect(short.preparation.flags.map((f) => f.code)).toEqual(['SHORT_HISTORY']);
    expect(short.fund.h[3]).toBeCloseTo(short.preparation.regression!.sigma ** 2, 15);
    const stress = prepareFund(simulateFund(PRESETS.stress, 2).input);
    expect(stress.preparation.flags.map((f) => f.code)).toEqual(['NO_COMPARABLE']);
    const given = prepareFund({ ...input, h: input.contributions.map((_, t) => (t === 0 ? null : 1e-3)) });
    expect(given.preparation.varianceSource).toBe('input');
    expect(given.fund.h[9]).toBe(1e-3);
  });
});
