/**
 * Issue 5 item 11: the NumPyro (JAX, x64) implementation of the NAVcast log density
 * (navcast_numpyro.py) agrees with ours to 1e-8 at the same points, value and gradient. The
 * Python tier: `npm run test:python` prepares .navcast/venv (pinned JAX and NumPyro) and runs
 * it; without the venv this file fails, saying why (it is never skipped).
 */
import { describe, expect, it } from 'vitest';
import { naiveInitialPoint, type NavcastFundData, type NavcastTargetSpec } from '../../sampler/navcast/model/index.js';
import { golden, normalStream } from '../../sampler/navcast/model/testdata/fixtures.js';
import { FIT_PARAMETERISATION, PRESETS, prepareFund, simulateFund } from '../../sampler/navcast/index.js';
import { navcastProblem } from './navcastProblem.js';
import { numpyroEvaluate, probeNumpyro } from './navcastNumpyro.js';

const root = new URL('../..', import.meta.url).pathname;
const numpyro = probeNumpyro(root);
if ('reason' in numpyro) throw new Error(`the NumPyro parity tier needs .navcast/venv: ${numpyro.reason} (run npm run test:python, which prepares it)`);

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

function expectParity(fund: NavcastFundData, spec: NavcastTargetSpec, extraPoints: Float64Array[], seed: number): void {
  if (!('python' in numpyro)) throw new Error('unreachable');
  const { target, json } = navcastProblem(fund, spec);
  const normal = normalStream(seed);
  const base = naiveInitialPoint(target, fund);
  const nGlobal = target.globals.length;
  const jittered = [0.05, 0.2].map((size) => base.map((x, i) => x + size * normal() * (i < nGlobal ? target.globalScales[i] : target.shockScales[i - nGlobal])));
  const points = [base, ...jittered, ...extraPoints];
  expect(points.filter((q) => Number.isFinite(target.logDensity(q))).length).toBeGreaterThanOrEqual(3);
  const theirs = numpyroEvaluate(numpyro.python, root, json, points);
  points.forEach((q, k) => {
    const grad = new Float64Array(target.dim);
    const value = target.logDensityGradient(q, grad);
    if (value === -Infinity) {
      // Infeasible (e.g. a golden point whose path violates a distribution): both must say so.
      expect(theirs[k].logDensity, `point ${k} infeasible in both`).toBe(-Infinity);
      return;
    }
    expect(relative(value, theirs[k].logDensity), `value at point ${k}: ${value} vs ${theirs[k].logDensity}`).toBeLessThan(1e-8);
    const norm = Math.max(1, Math.hypot(...grad));
    grad.forEach((g, i) => expect(Math.abs(g - (theirs[k].gradient[i] ?? NaN)) / norm, `gradient ${i} at point ${k}`).toBeLessThan(1e-8));
  });
}

describe('NAVcast log density and gradient against NumPyro', () => {
  const options = { priceSources: ['secondary'] };
  for (const c of golden.cases.slice(0, 2)) {
    for (const whitened of [true, false]) {
      it(`golden fund ${c.seed}, tau 520, ${whitened ? 'whitened' : 'plain'}: golden truth point and naive-path points`, () => {
        const truth = c.points.find((p) => p.tau === 520 && p.point === 'truth' && p.whitened === whitened)!;
        expectParity(c.fund, { tau: 520, whitened, options }, [Float64Array.from(truth.x)], c.seed);
      });
    }
    it(`golden fund ${c.seed}, tau 400, whitened, anchored, standardised`, () => {
      expectParity(c.fund, { tau: 400, whitened: true, anchored: true, standardised: true, options }, [], c.seed + 1);
    });
    it(`golden fund ${c.seed}, tau 400, fit parameterisation (NAV-whitened too), and NAV-whitened plain shocks`, () => {
      expectParity(c.fund, { tau: 400, ...FIT_PARAMETERISATION, options }, [], c.seed + 2);
      expectParity(c.fund, { tau: 400, whitened: false, navWhitened: true, options }, [], c.seed + 3);
    });
  }
  it('simulated buyout fund with OLS-centred comparable priors, liquidation window and week 104, fit parameterisation', () => {
    const prepared = prepareFund(simulateFund(PRESETS.buyout, 1).input);
    expectParity(prepared.fund, { tau: 520, ...FIT_PARAMETERISATION, priors: prepared.priors }, [], 3);
    expectParity(prepared.fund, { tau: 104, ...FIT_PARAMETERISATION, priors: prepared.priors }, [], 4);
  });
});
