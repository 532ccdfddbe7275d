import { describe, expect, it } from 'vitest';
import { NavcastModelError } from './errors.js';
import type { NavcastFundData } from './fundData.js';
import { naiveInitialPoint } from './naiveInit.js';
import { navcastTarget } from './target.js';
import { golden } from './testdata/fixtures.js';
import { HALF_LOG_2PI } from './window.js';

const fund = golden.cases[0].fund;
const one = { priceSources: ['secondary'] };

function withWeek(data: NavcastFundData, key: 'rc' | 'nav' | 'sec' | 'C' | 'D' | 'navPub', t: number, value: number | null): NavcastFundData {
  const array = [...(data[key] as (number | null)[])];
  array[t] = value;
  return { ...data, [key]: array };
}

describe('information masks of a window (b.5, Appendix C.4)', () => {
  for (const whitened of [false, true]) {
    const mode = whitened ? 'whitened' : 'plain';
    const target = navcastTarget(fund, { tau: 300, whitened, options: one });
    const q = naiveInitialPoint(target, fund);

    it(`ignores a NAV published after tau and every flow or price after tau (${mode})`, () => {
      const value = target.logDensity(q);
      expect(Number.isFinite(value)).toBe(true);
      let later = withWeek(fund, 'nav', 299, 0.5);
      later = withWeek(later, 'navPub', 299, 301);
      later = withWeek(later, 'D', 310, 0.05);
      later = withWeek(later, 'rc', 305, 0.3);
      later = withWeek(later, 'sec', 302, 0.4);
      expect(navcastTarget(later, { tau: 300, whitened, options: one }).logDensity(q)).toBe(value);
      const published = withWeek(later, 'navPub', 299, 300);
      expect(navcastTarget(published, { tau: 300, whitened, options: one }).logDensity(q)).not.toBe(value);
    });

    it(`drops exactly one comparable term when rc_t is removed (${mode})`, () => {
      const t = 100;
      const without = navcastTarget(withWeek(fund, 'rc', t, null), { tau: 300, whitened, options: one });
      const p = target.unpack(q);
      const s = Math.sqrt(fund.h[t] as number);
      const rc = fund.rc[t] as number;
      // log N(rc; alpha_c + beta_cM rm + beta_cF s e, s_c s) at the point's plain shock e_t. In whitened
      // form p(rc) N(z) = p(rc | e) p(e) |de/dz|, so there the difference at equal e also carries log(de/dz).
      const sd = p.sC * s;
      const mean = p.alphaC + p.betaCM * (fund.rm[t] as number) + p.betaCF * s * p.shocks[t - 1];
      const term = -0.5 * ((rc - mean) / sd) ** 2 - Math.log(sd) - HALF_LOG_2PI;
      if (whitened) {
        const qWithout = without.pack(p);
        expect(target.logDensity(q) - without.logDensity(qWithout) - Math.log(p.sC / Math.sqrt(p.betaCF ** 2 + p.sC ** 2))).toBeCloseTo(term, 9);
      } else {
        expect(target.logDensity(q) - without.logDensity(q)).toBeCloseTo(term, 9);
      }
    });
  }

  it('models shocks only up to the liquidation week', () => {
    const liquidated = { ...fund, terminal: fund.terminal.map((_, t) => t === 400), D: fund.D.map((d, t) => (t === 400 ? 0.2 : d)) };
    const target = navcastTarget(liquidated, { tau: 520, whitened: false, options: one });
    expect(target.window.tEnd).toBe(400);
    expect(target.dim).toBe(13 + 400);
  });

  it('drops the price globals of a fund without prices, and keeps them when asked', () => {
    const noPrices = golden.cases[1].fund;
    expect(navcastTarget(noPrices, { tau: 156, whitened: true }).globals).toHaveLength(11);
    expect(navcastTarget(noPrices, { tau: 156, whitened: true, options: one }).globals).toHaveLength(13);
  });

  it('rejects data it cannot model, listing every issue', () => {
    const bad = withWeek(withWeek(fund, 'C', 0, 0), 'nav', 13, -1);
    const error = (() => {
      try {
        navcastTarget(bad, { tau: 156, whitened: false });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(NavcastModelError);
    expect((error as NavcastModelError).code).toBe('NAVCAST_DATA_INVALID');
    expect((error as NavcastModelError).issues).toHaveLength(2);
    expect(() => navcastTarget(fund, { tau: 521, whitened: false })).toThrow(NavcastModelError);
    expect(() => navcastTarget(withWeek(fund, 'rc', 5, Number.NaN), { tau: 156, whitened: false })).toThrow(/rc\[5\]/);
    expect(() => navcastTarget(fund, { tau: 156, whitened: false, options: { appraisalLag: -1 } })).toThrow(/appraisalLag/);
    expect(() => navcastTarget(fund, { tau: 156, whitened: false, priors: { gamma: { kind: 'normal', mean: 0, sd: 1 } } })).toThrow(/gamma/);
    expect(() => navcastTarget(fund, { tau: 156, whitened: false, priors: { beta: { kind: 'beta', a: 1, b: 1 } } })).toThrow(/does not fit/);
  });
});
