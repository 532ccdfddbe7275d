/**
 * Sampler validation on the fast reference posteriors (every run of the suite): each is
 * sampled with 4 chains x (1000 + 1000) at one fixed seed and compared with its reference by
 * the posteriordb README criteria. The slow rest is posteriordb.full.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { referencePosterior } from '../../sampler/models/posteriordb/index.js';
import { FAST_POSTERIORS, formatValidation, validatePosterior } from './validate.js';

describe('NUTS against reference posteriors (fast subset)', () => {
  it.each(FAST_POSTERIORS)('%s', async (name) => {
    const validation = await validatePosterior(referencePosterior(name));
    console.log(formatValidation(validation));
    expect(validation.failures).toEqual([]);
  }, 120_000);
});
