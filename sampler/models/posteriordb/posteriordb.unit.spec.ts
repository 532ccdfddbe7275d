import { describe, expect, it } from 'vitest';
import { loadGolden } from '../fixtures/golden.js';
import { gradientError, ModelDataError, type TargetFactory } from '../kit/index.js';
import * as models from './index.js';

const golden = loadGolden();
const factories: Record<string, TargetFactory> = {
  eightSchoolsNoncentered: models.eightSchoolsNoncentered,
  eightSchoolsCentered: models.eightSchoolsCentered,
  arK: models.arK,
  arma11: models.arma11,
  garch11: models.garch11,
  kilpisjarvi: models.kilpisjarvi,
  lowDimGaussMix: models.lowDimGaussMix,
  gpPoisRegr: models.gpPoisRegr,
  blr: models.blr,
  diamonds: models.diamonds,
  funnelCentered: models.funnelCentered,
  funnelNoncentered: models.funnelNoncentered,
};

describe.each(Object.keys(factories))('%s', (name) => {
  const { data, points, logDensity } = golden[name];
  const target = factories[name](data);

  it('matches the scipy log density at the golden points', () => {
    const grad = new Float64Array(target.dim);
    points.forEach((p, i) => {
      expect(p).toHaveLength(target.dim);
      const lp = target.logDensityGradient(Float64Array.from(p), grad);
      expect(Math.abs(lp - logDensity[i])).toBeLessThan(1e-10 * Math.max(1, Math.abs(logDensity[i])));
    });
  });

  it('has a gradient that agrees with finite differences to 1e-6', () => {
    for (const p of points) {
      const worst = gradientError(target, Float64Array.from(p));
      expect(worst.relativeError, JSON.stringify(worst)).toBeLessThan(1e-6);
    }
  });

  it('returns -Infinity, never NaN, at overflowing or undefined points', () => {
    const grad = new Float64Array(target.dim);
    for (let i = 0; i < target.dim; i++) {
      for (const extreme of [800, -800, Number.NaN]) {
        const q = Float64Array.from(points[0]);
        q[i] = extreme;
        const lp = target.logDensityGradient(q, grad);
        expect(Number.isNaN(lp), `q[${i}] = ${extreme}`).toBe(false);
        if (Number.isFinite(lp)) expect(grad.every(Number.isFinite), `grad at q[${i}] = ${extreme}`).toBe(true);
        if (Number.isNaN(extreme)) expect(lp).toBe(Number.NEGATIVE_INFINITY);
      }
    }
  });

  it('names one constrained value per reported parameter', () => {
    const values = target.constrain(Float64Array.from(points[0]));
    expect(values).toHaveLength(target.parameterNames.length);
    expect(values.every(Number.isFinite)).toBe(true);
  });
});

describe('constraining transforms', () => {
  const point = (name: string) => Float64Array.from(golden[name].points[0]);

  it('eight schools non-centred reports theta = mu + tau * theta_trans', () => {
    const q = point('eightSchoolsNoncentered');
    const out = models.eightSchoolsNoncentered(golden.eightSchoolsNoncentered.data).constrain(q);
    expect(out[2]).toBeCloseTo(q[8] + Math.exp(q[9]) * q[2], 12);
    expect(out[9]).toBeCloseTo(Math.exp(q[9]), 12);
  });

  it('garch keeps beta1 inside (0, 1 - alpha1)', () => {
    const target = models.garch11(golden.garch11.data);
    for (const u of [-30, 0, 30]) {
      const [, alpha0, alpha1, beta1] = target.constrain(Float64Array.of(0.1, 0, u, -u));
      expect(alpha0).toBe(1);
      expect(beta1).toBeGreaterThanOrEqual(0);
      expect(alpha1 + beta1).toBeLessThanOrEqual(1);
    }
  });

  it('the Gaussian mixture keeps mu ordered', () => {
    const [mu1, mu2] = models.lowDimGaussMix(golden.lowDimGaussMix.data).constrain(Float64Array.of(3, -5, 0, 0, 0));
    expect(mu2).toBeGreaterThan(mu1);
  });

  it('the centred funnel and the tau overflow of eight schools are rejections', () => {
    const grad = new Float64Array(10);
    expect(models.funnelCentered().logDensityGradient(Float64Array.of(-800, 1, 0, 0, 0, 0, 0, 0, 0, 0), grad)).toBe(Number.NEGATIVE_INFINITY);
    const schools = models.eightSchoolsCentered(golden.eightSchoolsCentered.data);
    expect(schools.logDensityGradient(Float64Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 800), grad)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('catalogue and data checks', () => {
  it('lists worker-importable factories', async () => {
    for (const entry of models.referencePosteriors) {
      const module = (await import(entry.module)) as Record<string, unknown>;
      expect(module[entry.exportName], entry.name).toBe(entry.create);
    }
  });

  it('fails loudly on malformed data', () => {
    expect(() => models.arK({ K: 2, T: 5, y: [1, 2, 3] })).toThrow(ModelDataError);
    expect(() => models.blr({ N: 2, D: 2, X: [[1, 2], [3]], y: [1, 2] })).toThrow(ModelDataError);
    expect(() => models.referencePosterior('no-such-posterior')).toThrow(models.UnknownPosteriorError);
  });
});
