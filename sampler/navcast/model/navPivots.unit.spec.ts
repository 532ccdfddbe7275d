import { describe, expect, it } from 'vitest';
import { naiveShocks } from './naiveInit.js';
import { findNavPivots } from './navPivots.js';
import { navcastTarget, type NavcastTargetSpec } from './target.js';
import { golden, normalStream } from './testdata/fixtures.js';
import { valuePath } from './valuePath.js';
import { ANCHOR, HAS_FLOW, HAS_NAV, TERMINAL } from './window.js';

const one = { priceSources: ['secondary'] };
const DYNAMIC = HAS_FLOW | ANCHOR | TERMINAL;

/** A feasible point near the naive path at the prior centre: its parameters and plain shocks. */
function pointOf(spec: NavcastTargetSpec, fundIndex: number, seed: number) {
  const fund = golden.cases[fundIndex].fund;
  const target = navcastTarget(fund, { ...spec, navWhitened: true });
  const params = target.priorCentre();
  const normal = normalStream(seed);
  const shocks = naiveShocks(fund, spec.tau, params).map((e) => e + 0.1 * normal());
  return { fund, target, params, shocks };
}

describe('NAV pivots', () => {
  for (const [index, c] of golden.cases.entries()) {
    it(`fund ${c.seed}: one pivot per NAV whose segment ends without flows, at the first week of that stretch`, () => {
      const { window } = navcastTarget(c.fund, { tau: 520, whitened: true, anchored: true, options: one });
      const pivots = findNavPivots(window);
      const navWeeks = [...window.flags.keys()].filter((t) => t >= 1 && window.flags[t] & HAS_NAV);
      let k = 0;
      let segmentStart = 1;
      for (const tk of navWeeks) {
        if (window.flags[tk] & DYNAMIC) {
          expect(pivots.nav.includes(tk), `NAV week ${tk} has a flow: no pivot`).toBe(false);
        } else {
          expect(pivots.nav[k]).toBe(tk);
          const j = pivots.week[k];
          expect(j).toBeGreaterThanOrEqual(segmentStart);
          for (let i = j; i <= tk; i++) expect(window.flags[i] & DYNAMIC).toBe(0);
          expect(j === segmentStart || (window.flags[j - 1] & DYNAMIC) !== 0).toBe(true);
          expect(pivots.at[j]).toBe(k);
          k++;
        }
        segmentStart = tk + 1;
      }
      expect(pivots.count).toBe(k);
      expect(k, `fund ${index}: most NAVs have a pivot`).toBeGreaterThan(navWeeks.length / 2);
    });
  }
});

describe('NAV-whitened coordinates', () => {
  const specs: [string, NavcastTargetSpec][] = [
    ['whitened', { tau: 156, whitened: true, options: one }],
    ['plain', { tau: 156, whitened: false, options: one }],
    ['the fit (whitened, anchored, standardised)', { tau: 400, whitened: true, anchored: true, standardised: true, options: one }],
  ];
  for (const [label, spec] of specs) {
    it(`map back to the same shocks (kernel forward scan against value paths): ${label}`, () => {
      const { target, params, shocks } = pointOf(spec, 1, 11);
      const back = target.unpack(target.pack({ ...params, shocks })).shocks;
      back.forEach((e, i) => expect(Math.abs(e - shocks[i]), `shock ${i + 1}`).toBeLessThan(1e-10));
    });

    it(`give the same posterior: the density differs by the log Jacobian of each pivot, ${label}`, () => {
      const { fund, target, params, shocks } = pointOf(spec, 1, 12);
      const base = navcastTarget(fund, { ...spec, navWhitened: false });
      const q = target.pack({ ...params, shocks });
      const qBase = base.pack({ ...params, shocks });
      // Each NAV's mean as a function of its pivot week's N(0, 1) coordinate is a straight line;
      // its slope g gives the Jacobian sigma_n / sqrt(sigma_n^2 + g^2). Slopes from value paths.
      const pivots = findNavPivots(target.window);
      const navMean = (tk: number, e: Float64Array) => {
        const path = valuePath(target.window, params, e, 0);
        return Math.log(path.V[tk]) + path.B[tk];
      };
      let logJacobian = 0;
      for (let k = 0; k < pivots.count; k++) {
        const j = pivots.week[k],
          tk = pivots.nav[k];
        const moved = Float64Array.from(shocks);
        const zScale = spec.whitened && target.window.flags[j] & 1 ? params.sC / Math.hypot(params.betaCF, params.sC) : 1;
        moved[j - 1] += zScale; // one unit of the week's coordinate
        const slope = navMean(tk, moved) - navMean(tk, shocks);
        logJacobian += Math.log(params.sigmaN / Math.hypot(params.sigmaN, slope));
      }
      expect(pivots.count).toBeGreaterThan(5);
      expect(Math.abs(target.logDensity(q) - (base.logDensity(qBase) + logJacobian))).toBeLessThan(1e-9);
    });
  }

  it('refuses the options it does not support', () => {
    const fund = golden.cases[0].fund;
    expect(() => navcastTarget(fund, { tau: 156, whitened: true, navWhitened: true, options: { appraisalLag: 2 } })).toThrow(/navWhitened needs/);
    expect(() => navcastTarget(fund, { tau: 156, whitened: true, navWhitened: true, options: { navLikelihood: 'truncatedNormal' } })).toThrow(/navWhitened needs/);
  });
});
