import { describe, expect, it } from 'vitest';
import { sample } from './sample.js';
import { linearTarget, normalTarget } from './testTargets.js';
import type { LogDensityTarget, SampleOptions } from './types.js';

const target = normalTarget([0, 0], [1, 1]);
const small = { seed: 1, chains: 1, warmup: 30, draws: 10 };

describe('option and target validation (before any work)', () => {
  it.each<[string, Partial<SampleOptions> & Record<string, unknown>]>([
    ['warmup < 0', { warmup: -1 }],
    ['maxTreeDepth < 1', { maxTreeDepth: 0 }],
    ['non-integer draws', { draws: 2.5 }],
    ['chains = 0', { chains: 0 }],
    ['seed not an integer', { seed: 1.5 }],
    ['negative seed', { seed: -3 }],
    ['targetAcceptance = 1', { targetAcceptance: 1 }],
    ['initialStepSize = 0', { initialStepSize: 0 }],
    ['thin = 0', { thin: 0 }],
    ['unknown key (typo)', { warmUp: 10 }],
    ['one initial point for two chains', { chains: 2, initialPoints: [new Float64Array(2)] }],
    ['initial point of the wrong length', { initialPoints: [new Float64Array(3)] }],
    ['negative firstChain', { firstChain: -1 }],
    ['both initialPoints and warmStarts', { initialPoints: [new Float64Array(2)], warmStarts: [{ position: new Float64Array(2) }] }],
    ['one warm start for two chains', { chains: 2, warmStarts: [{ position: new Float64Array(2) }] }],
    ['a warm start of the wrong length', { warmStarts: [{ position: new Float64Array(3) }] }],
    ['a warm-start metric of the wrong length', { warmStarts: [{ position: new Float64Array(2), inverseMetric: new Float64Array([1, 1, 1]) }] }],
    ['a warm-start metric entry <= 0', { warmStarts: [{ position: new Float64Array(2), inverseMetric: new Float64Array([1, 0]) }] }],
    ['a warm-start step size <= 0', { warmStarts: [{ position: new Float64Array(2), stepSize: -0.1 }] }],
  ])('rejects %s', (_why, bad) => {
    let calls = 0;
    const counting: LogDensityTarget = { dim: 2, logDensityGradient: (q, g) => (calls++, target.logDensityGradient(q, g)) };
    expect(() => sample(counting, { ...small, ...bad } as SampleOptions)).toThrow(expect.objectContaining({ name: 'SamplerError', code: 'SAMPLER_INVALID_OPTIONS' }));
    expect(calls).toBe(0);
  });

  it('rejects a target without a positive integer dim', () => {
    const bad = { dim: 0, logDensityGradient: () => 0 };
    expect(() => sample(bad, small)).toThrow(expect.objectContaining({ code: 'SAMPLER_INVALID_TARGET' }));
  });
});

describe('initialisation', () => {
  it('gives up after 100 random attempts with a clear error', () => {
    let calls = 0;
    const nowhere: LogDensityTarget = {
      dim: 3,
      logDensityGradient() {
        calls++;
        throw new Error('no support anywhere');
      },
    };
    expect(() => sample(nowhere, small)).toThrow(
      expect.objectContaining({
        code: 'SAMPLER_INITIALIZATION_FAILED',
        message: expect.stringMatching(/after 100 attempts.*\(-2, 2\)\^3.*no support anywhere/),
      }),
    );
    expect(calls).toBe(100);
  });

  it('retries random starts until the density is finite, inside (-initRadius, initRadius)', () => {
    const starts: number[] = [];
    const positive: LogDensityTarget = {
      dim: 1,
      logDensityGradient(q, grad) {
        if (starts.length < 1000) starts.push(q[0]);
        grad[0] = -1;
        return q[0] > 0.4 ? -q[0] : Number.NEGATIVE_INFINITY;
      },
    };
    sample(positive, { ...small, initRadius: 0.5, warmup: 0, draws: 1 });
    expect(starts[0]).toBeGreaterThan(-0.5);
    const firstGood = starts.findIndex((x) => x > 0.4);
    expect(firstGood).toBeGreaterThan(0); // at least one retry for this seed
    expect(starts.slice(0, firstGood).every((x) => Math.abs(x) < 0.5 && x <= 0.4)).toBe(true);
  });

  it('tries a given initial point once and reports why it is rejected', () => {
    const halfLine: LogDensityTarget = { dim: 1, logDensityGradient: (q) => (q[0] > 0 ? -q[0] : Number.NaN) };
    expect(() => sample(halfLine, { ...small, initialPoints: [new Float64Array([-1])] })).toThrow(
      expect.objectContaining({ code: 'SAMPLER_INITIALIZATION_FAILED', message: expect.stringContaining('log density NaN') }),
    );
  });

  it('an improper (flat) posterior stops the step-size heuristic at 1e7', () => {
    expect(() => sample(linearTarget(2, 0), small)).toThrow(expect.objectContaining({ code: 'SAMPLER_IMPROPER_POSTERIOR' }));
  });
});

describe('output shape', () => {
  it('keeps ceil(draws / thin) draws, warm-up statistics and the adapted step size and metric', () => {
    const result = sample(target, { seed: 9, chains: 2, warmup: 120, draws: 25, thin: 4 });
    for (const chain of result.chains) {
      expect(chain.draws).toHaveLength(7);
      for (const column of Object.values(chain.stats)) expect(column).toHaveLength(7);
      for (const column of Object.values(chain.warmupStats ?? {})) expect(column).toHaveLength(120);
      expect(chain.stats.stepSize.every((s) => s === chain.stepSize)).toBe(true);
      expect(chain.inverseMetric).toHaveLength(2);
      // 2^depth - 1 steps in the kept tree, plus at most 2^depth in a discarded last subtree.
      const { treeDepth, nLeapfrog } = chain.stats;
      expect(treeDepth.every((d, i) => nLeapfrog[i] >= 2 ** d - 1 && nLeapfrog[i] <= 2 ** (d + 1) - 1 && d <= 10)).toBe(true);
    }
  });

  it('without warm-up nothing adapts: step size initialStepSize and a unit metric', () => {
    const chain = sample(target, { seed: 9, chains: 1, warmup: 0, draws: 5, initialStepSize: 0.3 }).chains[0];
    expect(chain.stepSize).toBe(0.3);
    expect(Array.from(chain.inverseMetric)).toEqual([1, 1]);
    expect(chain.warmupStats).toBeUndefined();
  });
});
