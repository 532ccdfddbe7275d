import { describe, expect, it } from 'vitest';
import { naiveInitialPoint } from './naiveInit.js';
import { logPhi, logPhiDifference } from './normalTail.js';
import { addLogPrior, categoryOnePriors, priorConstant, type NavcastPrior } from './priors.js';
import { navcastTarget } from './target.js';
import { golden } from './testdata/fixtures.js';

/** Trapezoid integral of exp(log p_u) over u in [lo, hi] and the largest slope error against central differences. */
function checkPrior(prior: NavcastPrior, lo: number, hi: number): { mass: number; slopeError: number } {
  const steps = 20000;
  const du = (hi - lo) / steps;
  const g = new Float64Array(1);
  let mass = 0;
  let slopeError = 0;
  for (let i = 0; i <= steps; i++) {
    const u = lo + i * du;
    g[0] = 0;
    const value = addLogPrior(prior, u, g, 0) + priorConstant(prior);
    mass += (i === 0 || i === steps ? 0.5 : 1) * Math.exp(value) * du;
    const h = 1e-5;
    const fd = (addLogPrior(prior, u + h, new Float64Array(1), 0) - addLogPrior(prior, u - h, new Float64Array(1), 0)) / (2 * h);
    slopeError = Math.max(slopeError, Math.abs(fd - g[0]) / Math.max(1, Math.abs(fd)));
  }
  return { mass, slopeError };
}

describe('priors on the unconstrained scale (b.2, b.6, Appendix C.5)', () => {
  it('a log-normal prior on sigma_d plus its Jacobian equals the normal prior on log sigma_d', () => {
    const fund = golden.cases[0].fund;
    const onU = navcastTarget(fund, { tau: 156, whitened: true, priors: { logSigmaD: { kind: 'normal', mean: -0.7, sd: 0.6 } } });
    const onTheta = navcastTarget(fund, { tau: 156, whitened: true, priors: { logSigmaD: { kind: 'logNormal', mu: -0.7, sigma: 0.6 } } });
    const q = naiveInitialPoint(onU, fund);
    for (const shift of [-1, 0, 0.8]) {
      q[6] = -0.7 + shift;
      expect(onTheta.logDensity(q)).toBeCloseTo(onU.logDensity(q), 10);
    }
  });

  const priors: [string, NavcastPrior, number, number][] = [
    ['normal on u', { kind: 'normal', mean: 0.3, sd: 0.7 }, -7, 7],
    ['log-normal', { kind: 'logNormal', mu: Math.log(0.05), sigma: 0.6 }, -9, 3],
    ['half-normal', { kind: 'halfNormal', scale: 0.1 }, -25, 2],
    ['beta', { kind: 'beta', a: 18, b: 2 }, -6, 12],
  ];
  for (const [label, prior, lo, hi] of priors) {
    it(`${label}: a normalised density on u with the right slope`, () => {
      const { mass, slopeError } = checkPrior(prior, lo, hi);
      expect(mass).toBeCloseTo(1, 6);
      expect(slopeError).toBeLessThan(1e-7);
    });
  }

  it('centres Category-1 priors on external estimates with widened scales', () => {
    const p = categoryOnePriors({
      alphaC: { estimate: 0.0002, se: 0.0001 },
      betaCM: { estimate: 1.05, se: 0.04 },
      delta: { estimate: 0.04, se: 0.01 },
      sigmaD: { estimate: 0.5, se: 0.001 },
    });
    expect(p.alpha_c).toEqual({ kind: 'normal', mean: 0.0002, sd: 0.0005 });
    expect(p.beta_cM).toEqual({ kind: 'normal', mean: 1.05, sd: 0.08 });
    expect(p.logDelta).toEqual({ kind: 'normal', mean: Math.log(0.04), sd: 0.5 });
    expect(p.logSigmaD).toEqual({ kind: 'normal', mean: Math.log(0.5), sd: 0.05 });
  });

  it('removes fixed Category-1 parameters from q and reports their values', () => {
    const fund = golden.cases[0].fund;
    const target = navcastTarget(fund, { tau: 156, whitened: true, options: { fixed: { alphaC: 0.0001, betaCM: 0.9, delta: 0.03, sigmaD: 0.4 } } });
    expect(target.globals).toEqual(['alpha', 'beta', 'logF', 'logitLam', 'logSigmaN', 'beta_cF', 'logSc', 'kappa', 'logSigmaS']);
    expect(target.dim).toBe(9 + 156);
    const p = target.unpack(naiveInitialPoint(target, fund));
    expect([p.alphaC, p.betaCM, p.delta, p.sigmaD]).toEqual([0.0001, 0.9, 0.03, 0.4].map((x, i) => (i < 2 ? x : Math.exp(Math.log(x)))));
  });
});

describe('log Phi for the truncated-normal normaliser', () => {
  // Reference values from Python's math.erfc: log(0.5 erfc(-x/sqrt 2)) for x < 0,
  // log1p(-0.5 erfc(x/sqrt 2)) for x > 0 (the upper tail's deficit would round away in 1 - ...).
  const reference: [number, number][] = [
    [1, -0.1727537790234499],
    [0.5, -0.36894641528865635],
    [-0.3, -0.9621028181688506],
    [-1.5, -2.7059444008238893],
    [-2.1, -4.024944222243984],
    [-3, -6.607726221510348],
    [-6, -20.736768949974703],
    [-10, -53.23128515051246],
    [2.9, -0.0018675560981809215],
    [5, -2.8665161296376427e-7],
  ];
  for (const [x, expected] of reference) {
    it(`log Phi(${x})`, () => expect(Math.abs(logPhi(x) - expected) / Math.abs(expected)).toBeLessThan(1e-13));
  }

  it('stays finite in the far tail (Mills-ratio asymptotics at x = -40)', () => {
    const x = -40;
    const asymptotic = -0.5 * x * x - Math.log(-x) - 0.5 * Math.log(2 * Math.PI) + Math.log1p(-1 / x ** 2 + 3 / x ** 4 - 15 / x ** 6);
    expect(logPhi(x)).toBeCloseTo(asymptotic, 10);
  });

  it('differences of Phi in either tail', () => {
    expect(logPhiDifference(-1, 1)).toBeCloseTo(Math.log(0.6826894921370859), 13);
    expect(logPhiDifference(2, 3)).toBeCloseTo(Math.log(0.0214002339165491), 12);
    expect(logPhiDifference(-3, -2)).toBeCloseTo(Math.log(0.0214002339165491), 12);
    expect(logPhiDifference(-Infinity, Infinity)).toBe(0);
  });
});
