/**
 * The slow reference posteriors (`npm run test:slow`; CI runs it): minutes on two cores, see
 * the timings in the test log. Chains run in two worker threads. The fast subset is in
 * posteriordb.fast.unit.spec.ts, part of `npm test`.
 */
import { describe, expect, it } from 'vitest';
import { referencePosteriors } from '../../sampler/models/posteriordb/index.js';
import { FAST_POSTERIORS, formatValidation, validatePosterior } from './validate.js';

const fast: readonly string[] = FAST_POSTERIORS;
const slow = referencePosteriors.filter((p) => !fast.includes(p.name)).map((p) => p.name);
describe('NUTS against reference posteriors (the slow rest)', () => {
  it.each(slow)('%s', async (name) => {
    const entry = referencePosteriors.find((p) => p.name === name)!;
    const validation = await validatePosterior(entry, 2);
    console.log(formatValidation(validation));
    expect(validation.failures).toEqual([]);
  }, 1_800_000);
});
