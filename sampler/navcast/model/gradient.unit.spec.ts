import { describe, expect, it } from 'vitest';
import type { NavcastFundData } from './fundData.js';
import { naiveShocks } from './naiveInit.js';
import { categoryOnePriors, DEFAULT_PRIORS, type NavcastPrior } from './priors.js';
import { navcastTarget, type NavcastTargetSpec } from './target.js';
import { finiteDifferenceGradient, golden, normalStream, relativeError } from './testdata/fixtures.js';

const one = { priceSources: ['secondary'] };

/** Prior scale of a global on u (the FD step and the jitter are fractions of it). */
function scaleOf(name: string): number {
  const prior: NavcastPrior = DEFAULT_PRIORS[name.replace(/\[.*\]$/, '')];
  return prior.kind === 'normal' ? prior.sd : 0.5;
}

/**
 * A random feasible point: globals at the prior centre plus 0.3 prior sd of noise, shocks from
 * the naive path under those globals plus N(0, 0.1^2).
 */
function randomPoint(fund: NavcastFundData, spec: NavcastTargetSpec, seed: number) {
  const target = navcastTarget(fund, spec);
  const normal = normalStream(seed);
  for (let attempt = 0; attempt < 20; attempt++) {
    const start = target.pack({ ...target.priorCentre(), shocks: new Float64Array(target.window.tEnd) });
    target.globals.forEach((name, i) => (start[i] += 0.3 * scaleOf(name) * normal()));
    const params = target.unpack(start);
    const shocks = naiveShocks(fund, spec.tau, params).map((e) => e + 0.1 * normal());
    const q = target.pack({ ...params, shocks });
    if (Number.isFinite(target.logDensity(q))) return { target, q };
  }
  throw new Error(`no feasible random point for seed ${seed}`);
}

/**
 * `step` is the central-difference step as a fraction of each global's prior scale (1 for a
 * shock). NAV-whitened points far from the posterior curve more sharply in the globals, which
 * move every pivot shock at once: 1e-4 keeps the truncation error below the tolerance there.
 */
function expectGradientMatches(fund: NavcastFundData, spec: NavcastTargetSpec, seed: number, step = 1e-3): void {
  const { target, q } = randomPoint(fund, spec, seed);
  const grad = new Float64Array(target.dim);
  const value = target.logDensityGradient(q, grad);
  expect(value).toBe(target.logDensity(q));
  const steps = Float64Array.from({ length: target.dim }, (_, i) => (i < target.globals.length ? step * scaleOf(target.globals[i]) : step));
  const fd = finiteDifferenceGradient(target, q, steps);
  expect(relativeError(grad, fd)).toBeLessThan(1e-6);
  // Per coordinate too, so that a wrong small component cannot hide behind a large one.
  grad.forEach((g, i) => expect(Math.abs(g - fd[i]) / Math.max(1, Math.abs(fd[i])), `coordinate ${i}`).toBeLessThan(1e-5));
}

describe('NAVcast gradient against finite differences', () => {
  for (const c of golden.cases) {
    for (const whitened of [false, true]) {
      for (const tau of [156, 520]) {
        it(`fund ${c.seed}, tau ${tau}, ${whitened ? 'whitened' : 'plain'}, two random points`, () => {
          for (const seed of [1, 2]) expectGradientMatches(c.fund, { tau, whitened, options: one }, 1000 * c.seed + tau + seed);
        });
        it(`fund ${c.seed}, tau ${tau}, ${whitened ? 'whitened' : 'plain'}, anchored, two random points`, () => {
          for (const seed of [3, 4]) expectGradientMatches(c.fund, { tau, whitened, anchored: true, options: one }, 1000 * c.seed + tau + seed);
        });
        it(`fund ${c.seed}, tau ${tau}, ${whitened ? 'whitened' : 'plain'}, NAV-whitened, anchored and not`, () => {
          expectGradientMatches(c.fund, { tau, whitened, navWhitened: true, options: one }, 1000 * c.seed + tau + 5, 1e-4);
          expectGradientMatches(c.fund, { tau, whitened, anchored: true, navWhitened: true, options: one }, 1000 * c.seed + tau + 6, 1e-4);
        });
      }
    }
  }

  const fund = golden.cases[0].fund; // seed 7: prices at weeks 312 and 403
  const twoSources: NavcastFundData = { ...fund, secSource: fund.sec.map((p, t) => (p === null ? null : t < 350 ? 'broker' : 'auction')) };
  const sparseComparable: NavcastFundData = { ...fund, rc: fund.rc.map((x, t) => (t % 3 === 0 ? null : x)) };
  const variants: [string, NavcastFundData, Omit<NavcastTargetSpec, 'tau' | 'whitened'>][] = [
    ['appraisal lag 1', fund, { options: { appraisalLag: 1 } }],
    ['appraisal lag 13', fund, { options: { appraisalLag: 13 } }],
    ['truncated-normal NAVs on [0, inf)', fund, { options: { navLikelihood: 'truncatedNormal' } }],
    ['truncated-normal NAVs on [0.01, 5]', fund, { options: { navLikelihood: 'truncatedNormal', navBounds: { lower: 0.01, upper: 5 } } }],
    ['Category 1 fixed', fund, { options: { fixed: { alphaC: 0.0001, betaCM: 0.95, delta: 0.03, sigmaD: 0.6 } } }],
    [
      'Category 1 priors on external estimates',
      fund,
      {
        priors: categoryOnePriors({
          alphaC: { estimate: 0.0002, se: 0.0004 },
          betaCM: { estimate: 0.98, se: 0.03 },
          delta: { estimate: 0.04, se: 0.01 },
          sigmaD: { estimate: 0.45, se: 0.1 },
        }),
      },
    ],
    [
      'natural-scale priors with Jacobians',
      fund,
      {
        priors: {
          logitLam: { kind: 'beta', a: 18, b: 2 },
          logSigmaN: { kind: 'halfNormal', scale: 0.1 },
          logSigmaD: { kind: 'logNormal', mu: Math.log(0.5), sigma: 0.6 },
        },
      },
    ],
    ['two price sources', twoSources, {}],
    ['anchored, standardised, Category 1 fixed', fund, { anchored: true, standardised: true, options: { fixed: { delta: 0.03, sigmaD: 0.6 } } }],
    ['NAV-whitened, natural-scale priors', fund, { navWhitened: true, priors: { logitLam: { kind: 'beta', a: 18, b: 2 }, logSigmaN: { kind: 'halfNormal', scale: 0.1 } } }],
    ['NAV-whitened, two price sources', twoSources, { navWhitened: true }],
    ['NAV-whitened, comparable missing every third week (pivots off the short path)', sparseComparable, { navWhitened: true }],
    [
      'NAV-whitened, anchored, standardised, Category 1 fixed (the fit)',
      fund,
      { navWhitened: true, anchored: true, standardised: true, options: { fixed: { alphaC: 0.0001, betaCM: 0.95, delta: 0.03, sigmaD: 0.6 } } },
    ],
  ];
  for (const [label, data, rest] of variants) {
    for (const whitened of [false, true]) {
      it(`${label}, ${whitened ? 'whitened' : 'plain'}, tau 400`, () => {
        expectGradientMatches(data, { tau: 400, whitened, ...rest }, whitened ? 17 : 18);
      });
      it(`${label}, ${whitened ? 'whitened' : 'plain'}, anchored, tau 400`, () => {
        expectGradientMatches(data, { tau: 400, whitened, anchored: true, ...rest }, whitened ? 19 : 20);
      });
    }
  }
});

describe('NAVcast log density outside the support', () => {
  const c = golden.cases[0];
  const cases: [string, (q: Float64Array, nGlobal: number) => void][] = [
    ['every shock at -6 (distributions exceed the value)', (q, g) => q.fill(-6, g)],
    ['F overflows', (q) => (q[2] = 800)],
    ['a NaN coordinate', (q, g) => (q[g + 10] = NaN)],
    ['sigma_n = 0', (q) => (q[4] = -800)],
    ['sigma_d = 0 and s_c = 0 with beta_cF = 0', (q) => ((q[6] = -800), (q[10] = -800), (q[9] = 0))],
  ];
  for (const [whitened, navWhitened] of [
    [false, false],
    [true, false],
    [true, true],
  ]) {
    for (const [label, corrupt] of cases) {
      it(`is -Infinity, never NaN, with a finite gradient: ${label}, ${whitened ? 'whitened' : 'plain'}${navWhitened ? ', NAV-whitened' : ''}`, () => {
        const target = navcastTarget(c.fund, { tau: 520, whitened, navWhitened, options: one });
        const q = Float64Array.from(c.points.find((p) => p.tau === 520 && p.point === 'truth' && !p.whitened)!.x);
        corrupt(q, target.globals.length);
        const grad = new Float64Array(target.dim).fill(NaN);
        expect(target.logDensityGradient(q, grad)).toBe(-Infinity);
        expect(target.logDensity(q)).toBe(-Infinity);
        expect(grad.every(Number.isFinite)).toBe(true);
      });
    }
  }
});
