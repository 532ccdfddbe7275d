import { describe, expect, it } from 'vitest';
import { continuousIrr, fundMetrics, metricContext, netFlows } from './metrics.js';

const YEAR_OF_52_WEEKS = 364 / 365.25;

describe('fund metrics', () => {
  it('IRR of one call and one distribution 52 weeks later', () => {
    // -1 at week 0, +1.1 at week 52 (364 days): (1 + IRR)^(364/365.25) = 1.1.
    const C = [1, ...new Array(52).fill(0)];
    const D = [...new Array(52).fill(0), 1.1];
    const m = fundMetrics(metricContext(C, D, new Array(53).fill(0), 52), 0);
    expect(m.irr).toBeCloseTo(1.1 ** (1 / YEAR_OF_52_WEEKS) - 1, 10);
    expect(m.tvpi).toBeCloseTo(1.1, 14);
    expect(m.dpi).toBeCloseTo(1.1, 14);
    expect(m.rvpi).toBe(0);
  });

  it('values at tau count as a final inflow; TVPI, DPI, RVPI by hand', () => {
    // Calls 1 (week 0) and 0.5 (week 26); distribution 0.3 (week 40); value 1.5 at week 52.
    const C = new Array(53).fill(0),
      D = new Array(53).fill(0);
    C[0] = 1;
    C[26] = 0.5;
    D[40] = 0.3;
    const m = fundMetrics(metricContext(C, D, new Array(53).fill(0), 52), 1.5);
    expect(m.dpi).toBeCloseTo(0.2, 14);
    expect(m.rvpi).toBeCloseTo(1, 14);
    expect(m.tvpi).toBeCloseTo(1.2, 14);
    // The IRR solves -1 - 0.5 v^(26*7/365.25) + 0.3 v^(280/365.25) + 1.5 v^(364/365.25) = 0, v = 1/(1+IRR).
    const v = 1 / (1 + m.irr);
    const npv = -1 - 0.5 * v ** (182 / 365.25) + 0.3 * v ** (280 / 365.25) + 1.5 * v ** (364 / 365.25);
    expect(Math.abs(npv)).toBeLessThan(1e-10);
  });

  it('KS-PME and direct alpha against a market that grows 1% a week', () => {
    // I_t = e^(0.01 t). Call 1 at week 0, value V at week 52: KS-PME = V / e^0.52, and direct
    // alpha (continuous, per year) = ln(V e^-0.52) / (364/365.25).
    const rm = [null, ...new Array(52).fill(0.01)];
    const C = [1, ...new Array(52).fill(0)],
      D = new Array(53).fill(0);
    const V = 2;
    const m = fundMetrics(metricContext(C, D, rm, 52), V);
    expect(m.ksPme).toBeCloseTo(V / Math.exp(0.52), 12);
    expect(m.directAlpha).toBeCloseTo(Math.log(V * Math.exp(-0.52)) / YEAR_OF_52_WEEKS, 9);
    // With a distribution the KS-PME compounds it to tau: D = 0.5 at week 26 grows by e^0.26.
    D[26] = 0.5;
    expect(fundMetrics(metricContext(C, D, rm, 52), V).ksPme).toBeCloseTo((0.5 * Math.exp(0.26) + V) / Math.exp(0.52), 12);
  });

  it('IRR is NaN when the flows never change sign', () => {
    expect(continuousIrr(netFlows([1, 1], [0, 0], 1, 0))).toBeNaN();
  });
});
