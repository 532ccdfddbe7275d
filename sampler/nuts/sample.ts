import { collectChain, NutsChain } from './chain.js';
import { checkTarget, resolveOptions } from './options.js';
import type { LogDensityTarget, SampleOptions, SampleResult } from './types.js';

/**
 * Runs `options.chains` NUTS chains one after another in this thread (Stan's diag_e NUTS with
 * windowed adaptation; see sampler/README.md). Chain c draws its randomness only from the
 * xoshiro256** stream (seed, firstChain + c), so equal seeds give bit-identical results, also across
 * {@link sampleInWorkers}. Options are validated before any work (SamplerError
 * SAMPLER_INVALID_OPTIONS / SAMPLER_INVALID_TARGET); runtime failures are SamplerErrors too.
 */
export function sample(target: LogDensityTarget, options: SampleOptions): SampleResult {
  checkTarget(target);
  const resolved = resolveOptions(options, target.dim);
  const chains = resolved.chainConfigs.map((config, c) => collectChain(NutsChain.start(target, config, resolved.seed, resolved.firstChain + c)));
  return { chains };
}
