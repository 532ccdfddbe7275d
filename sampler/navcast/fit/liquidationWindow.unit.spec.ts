import { describe, expect, it } from 'vitest';
import { navcastTarget, type NavcastTarget } from '../model/index.js';
import { prepareFund } from '../data/prepare.js';
import { PRESETS } from '../simulate/presets.js';
import { simulateFund } from '../simulate/simulator.js';
import { namedStream } from '../model/streams.js';
import { firstWindowStart, priorMetric } from './warmStart.js';
import { runWindowChain } from './windowChain.js';
import { FIT_PARAMETERISATION } from './windowTarget.js';
import { windowWeeks } from '../data/windows.js';

// A simulated 10-year buyout fund (22 distributions; the product of Vm/V over them is 170).
const simulated = simulateFund(PRESETS.buyout, 1);
const prepared = prepareFund(simulated.input);
const T = simulated.input.liquidationWeek as number;

function fit(target: NavcastTarget, warmup: number, draws: number, maxTreeDepth = 10) {
  const start = firstWindowStart(target, prepared.fund, prepared.priors, namedStream(3, 'init:0'));
  return runWindowChain(target, {
    warmup,
    draws,
    seed: 11,
    chain: 0,
    targetAcceptance: 0.9,
    maxTreeDepth,
    initialPoint: start,
    inverseMetric: priorMetric(target),
  });
}

describe('the liquidation-week window', () => {
  it('is the last window of a liquidated fund', () => {
    expect(windowWeeks(prepared.fund, 'last')).toEqual([T]);
    expect(windowWeeks(prepared.fund, 'quarterly').at(-1)).toBe(T);
  });

  it('samples with a healthy step size, no divergences and unsaturated trees in the fit parameterisation', { timeout: 180_000 }, () => {
    const target = navcastTarget(prepared.fund, { tau: T, ...FIT_PARAMETERISATION, priors: prepared.priors });
    const result = fit(target, 250, 150);
    const { divergent, treeDepth } = result.stats;
    expect(result.stepSize).toBeGreaterThan(0.02);
    expect(divergent.reduce((s, d) => s + d, 0)).toBeLessThanOrEqual(2);
    expect(Math.max(...treeDepth)).toBeLessThan(10);
    // The week before liquidation is pinned by the terminal distribution (sd 0.02 on log Vm):
    // its posterior covers the simulator's true value.
    const truth = simulated.truth.V[T - 1] / simulated.input.commitment;
    const values = result.draws.map((q) => target.valuePath(q).V[T - 1]).sort((a, b) => a - b);
    expect(values[Math.floor(0.01 * values.length)]).toBeLessThan(truth);
    expect(values[Math.ceil(0.99 * values.length) - 1]).toBeGreaterThan(truth);
  });

  it('stalls without the anchored coordinates (what the test above guards against)', { timeout: 180_000 }, () => {
    // Trees capped at depth 5 to keep it cheap: the step size adapts to acceptance either way.
    const target = navcastTarget(prepared.fund, { tau: T, whitened: true, priors: prepared.priors });
    expect(fit(target, 150, 10, 5).stepSize).toBeLessThan(2e-3);
  });
});
