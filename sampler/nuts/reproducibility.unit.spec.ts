import { describe, expect, it } from 'vitest';
import { collectChain, NutsChain } from './chain.js';
import { resolveOptions } from './options.js';
import { sample } from './sample.js';
import { normalTarget } from './testTargets.js';
import type { ChainResult, SampleResult } from './types.js';
import { sampleInWorkers } from './workers.js';

const means = [1, -2, 0.5];
const sds = [1, 3, 0.2];
const target = normalTarget(means, sds);
const options = { chains: 2, warmup: 150, draws: 100, seed: 42 };

function flatten(result: SampleResult): number[] {
  return result.chains.flatMap((c) => [...c.draws.flatMap((d) => Array.from(d)), ...c.stats.energy, c.stepSize, ...c.inverseMetric]);
}

function expectSameChain(a: ChainResult, b: ChainResult): void {
  expect(b.draws).toEqual(a.draws);
  expect(b.stats).toEqual(a.stats);
  expect(b.stepSize).toBe(a.stepSize);
  expect(b.inverseMetric).toEqual(a.inverseMetric);
}

describe('reproducibility', () => {
  it('the same seed gives bit-identical draws and statistics', () => {
    const a = sample(target, options);
    const b = sample(target, options);
    // toEqual on Float64Arrays compares with Object.is per element: bit-identical, NaN included.
    expect(b).toEqual(a);
  });

  it('another seed gives other draws, and chains of one run differ', () => {
    const a = sample(target, options);
    const b = sample(target, { ...options, seed: 43 });
    expect(flatten(b)).not.toEqual(flatten(a));
    expect(a.chains[1].draws).not.toEqual(a.chains[0].draws);
  });

  it('a chain replayed from a state saved mid-warm-up and mid-sampling continues identically', () => {
    const [config] = resolveOptions({ ...options, chains: 1 }, target.dim).chainConfigs;
    const reference = collectChain(NutsChain.start(target, config, 42, 0));
    expectSameChain(reference, sample(target, { ...options, chains: 1 }).chains[0]);
    for (const stopAt of [97, 180]) {
      const chain = NutsChain.start(target, config, 42, 0);
      while (chain.iteration < stopAt) chain.step();
      const saved = JSON.parse(JSON.stringify(chain.saveState()));
      const resumed = collectChain(NutsChain.resume(target, config, saved));
      const fromSampling = stopAt - config.warmup;
      if (fromSampling < 0) expectSameChain(reference, resumed);
      else {
        expect(resumed.draws).toEqual(reference.draws.slice(fromSampling));
        expect(resumed.stepSize).toBe(reference.stepSize);
        expect(resumed.stats.energy).toEqual(reference.stats.energy.slice(fromSampling));
      }
    }
  });

  it('sampleInWorkers gives exactly the in-process result', async () => {
    const spec = { module: new URL('./testTargets.ts', import.meta.url).href, exportName: 'normalTargetFactory', args: { means, sds } };
    const inWorkers = await sampleInWorkers(spec, { ...options, workers: 2 });
    expect(inWorkers).toEqual(sample(target, options));
  });

  it('sampleInWorkers reports a missing factory as a SamplerError', async () => {
    const spec = { module: new URL('./testTargets.ts', import.meta.url).pathname, exportName: 'noSuchFactory', args: {} };
    await expect(sampleInWorkers(spec, { ...options, chains: 1 })).rejects.toMatchObject({ code: 'SAMPLER_INVALID_TARGET' });
  });
});
