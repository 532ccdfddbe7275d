/**
 * The sampler's public warm start (SampleOptions.warmStarts, firstChain): a chain can begin
 * from a given position, step size and inverse metric, and a run can be split into parts whose
 * chains are those of the whole run.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGET_ACCEPTANCE, resolveOptions } from './options.js';
import { sample } from './sample.js';
import { normalTarget } from './testTargets.js';

const target = normalTarget([1, -2, 0.5], [1, 3, 0.2]);
const run = { warmup: 150, draws: 100, seed: 7 };

describe('warm start through the public API', () => {
  it('chains firstChain.. of a part are bit-identical to those chains of the whole run', () => {
    const whole = sample(target, { ...run, chains: 3 });
    const part = sample(target, { ...run, chains: 2, firstChain: 1 });
    expect(part.chains[0]).toEqual(whole.chains[1]);
    expect(part.chains[1]).toEqual(whole.chains[2]);
  });

  it('without warm-up, samples with exactly the given step size and metric', () => {
    const inverseMetric = new Float64Array([1, 9, 0.04]);
    const { chains } = sample(target, { ...run, warmup: 0, chains: 1, warmStarts: [{ position: new Float64Array([1, -2, 0.5]), stepSize: 0.7, inverseMetric }] });
    expect(chains[0].stepSize).toBe(0.7);
    expect(chains[0].inverseMetric).toEqual(inverseMetric);
    expect(new Set(chains[0].stats.stepSize)).toEqual(new Set([0.7]));
    // The metric matches the target's scales, so the chain moves freely: mean acceptance is high.
    const meanAccept = chains[0].stats.acceptStat.reduce((s, a) => s + a, 0) / chains[0].stats.acceptStat.length;
    expect(meanAccept).toBeGreaterThan(0.6);
  });

  it('with warm-up, starts from the given metric (the first step-size search sees it) and adapts from there', () => {
    const start = { position: new Float64Array([1, -2, 0.5]) };
    const unit = sample(target, { ...run, chains: 1, warmStarts: [start] });
    const warm = sample(target, { ...run, chains: 1, warmStarts: [{ ...start, inverseMetric: new Float64Array([1, 9, 0.04]) }] });
    // The first warm-up transition uses the heuristic's step size: larger with a metric fitted to the scales.
    expect(warm.chains[0].warmupStats?.stepSize[0]).toBeGreaterThan(unit.chains[0].warmupStats?.stepSize[0] as number);
    expect(warm.chains[0].draws[0]).not.toEqual(unit.chains[0].draws[0]);
  });

  it('starts at the given position: the first warm-up draw of a 0-warm-up chain is near it', () => {
    const position = new Float64Array([1, -2, 0.5]);
    const { chains } = sample(target, { seed: 3, chains: 1, warmup: 0, draws: 1, warmStarts: [{ position, stepSize: 1e-6 }] });
    chains[0].draws[0].forEach((x, i) => expect(Math.abs(x - position[i])).toBeLessThan(1e-3));
  });

  it('targets an acceptance of 0.9 unless told otherwise', () => {
    expect(DEFAULT_TARGET_ACCEPTANCE).toBe(0.9);
    expect(resolveOptions({ seed: 1 }, 3).chainConfigs.every((c) => c.targetAcceptance === 0.9)).toBe(true);
  });
});
