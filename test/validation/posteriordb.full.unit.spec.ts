/**
 * The slow reference posteriors, run only when NAVCAST_FULL_VALIDATION=1 (they take
 * minutes on two cores; see the timings in the test log). Chains run in two worker threads.
 */
import { describe, expect, it } from 'vitest';
import { referencePosteriors } from '../../sampler/models/posteriordb/index.js';
import { FAST_POSTERIORS, formatValidation, validatePosterior } from './validate.js';

const fast: readonly string[] = FAST_POSTERIORS;
const slow = referencePosteriors.filter((p) => !fast.includes(p.name)).map((p) => p.name);
const enabled = process.env.NAVCAST_FULL_VALIDATION === '1';

describe.runIf(enabled)('NUTS against reference posteriors (slow rest; set NAVCAST_FULL_VALIDATION=1)', () => {
  it.each(slow)('%s', async (name) => {
    const entry = referencePosteriors.find((p) => p.name === name)!;
    const validation = await validatePosterior(entry, 2);
    console.log(formatValidation(validation));
    expect(validation.failures).toEqual([]);
  }, 1_800_000);
});
