import { describe, expect, it } from 'vitest';
import { naiveInitialPoint } from './naiveInit.js';
import { navcastTarget } from './target.js';
import { ANCHOR } from './window.js';
import { golden, normalStream } from './testdata/fixtures.js';

const options = { priceSources: ['secondary'] };
const c = golden.cases[0];

/** A feasible jittered point of `target` near the naive path. */
function pointOf(target: ReturnType<typeof navcastTarget>, seed: number): Float64Array {
  const normal = normalStream(seed);
  const q = naiveInitialPoint(target, c.fund);
  const nGlobal = target.globals.length;
  return q.map((x, i) => x + 0.05 * normal() * (i < nGlobal ? target.globalScales[i] : target.shockScales[i - nGlobal]));
}

describe('anchored and standardised coordinates', () => {
  for (const whitened of [false, true]) {
    it(`give the plain density plus the log Jacobian of the map, checked by differencing the map (${whitened ? 'whitened' : 'plain'}, tau 520)`, () => {
      const base = navcastTarget(c.fund, { tau: 520, whitened, options });
      const anchored = navcastTarget(c.fund, { tau: 520, whitened, anchored: true, options });
      const nGlobal = anchored.globals.length;
      const anchorWeeks = [...anchored.window.flags].flatMap((f, t) => (f & ANCHOR ? [t] : []));
      expect(anchorWeeks.length).toBeGreaterThan(10);
      const q = pointOf(anchored, whitened ? 5 : 6);
      const mapped = base.pack(anchored.unpack(q));
      // log |dz_t / dzeta_t| at each anchor week by central differences of the map (triangular in time).
      let logJacobian = 0;
      for (const t of anchorWeeks) {
        const h = 1e-6;
        const plus = Float64Array.from(q),
          minus = Float64Array.from(q);
        plus[nGlobal + t - 1] += h;
        minus[nGlobal + t - 1] -= h;
        const dz = (base.pack(anchored.unpack(plus))[nGlobal + t - 1] - base.pack(anchored.unpack(minus))[nGlobal + t - 1]) / (2 * h);
        logJacobian += Math.log(Math.abs(dz));
      }
      const expected = base.logDensity(mapped) + logJacobian;
      expect(Math.abs(anchored.logDensity(q) - expected)).toBeLessThan(1e-6 * Math.abs(expected));
    });
  }

  it('standardising adds exactly the sum of log prior sds of the normal-prior globals', () => {
    const plain = navcastTarget(c.fund, { tau: 400, whitened: true, anchored: true, options });
    const scaled = navcastTarget(c.fund, { tau: 400, whitened: true, anchored: true, standardised: true, options });
    const q = pointOf(plain, 8);
    const qs = scaled.pack(plain.unpack(q));
    // Every default prior is normal on u, so the sum runs over all 13 globals.
    const sumLogSd = [...plain.globalScales].reduce((s, sd) => s + Math.log(sd), 0);
    expect(scaled.logDensity(qs)).toBeCloseTo(plain.logDensity(q) + sumLogSd, 9);
    expect([...scaled.globalScales]).toEqual(new Array(13).fill(1));
    expect(Math.abs(qs[0])).toBeLessThan(5); // alpha in prior sds, not weekly log units
  });

  it('packs and unpacks back to the same point, and keeps the value path', () => {
    const target = navcastTarget(c.fund, { tau: 520, whitened: true, anchored: true, standardised: true, options });
    const plain = navcastTarget(c.fund, { tau: 520, whitened: true, options });
    const q = pointOf(target, 9);
    target.pack(target.unpack(q)).forEach((x, i) => expect(x).toBeCloseTo(q[i], 9));
    const a = target.valuePath(q).V,
      b = plain.valuePath(plain.pack(target.unpack(q))).V;
    a.forEach((v, t) => expect(v).toBeCloseTo(b[t], 12));
  });

  it('keeps V after a distribution independent of earlier coordinates (no amplification)', () => {
    const target = navcastTarget(c.fund, { tau: 520, whitened: true, anchored: true, options });
    const anchorWeek = [...target.window.flags].findIndex((f) => (f & ANCHOR) !== 0);
    const q = pointOf(target, 10);
    const moved = Float64Array.from(q);
    moved[target.globals.length] += 1; // the first week's shock
    expect(target.valuePath(moved).V[anchorWeek]).toBe(target.valuePath(q).V[anchorWeek]);
    expect(target.valuePath(moved).V[anchorWeek - 1]).not.toBe(target.valuePath(q).V[anchorWeek - 1]);
  });
});
