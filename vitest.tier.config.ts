import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The tiers that need more than Node or take long, each a named npm script (README
// "Testing"): NAVCAST_TEST_TIER=python runs *.python.spec.ts (NumPyro parity; the script
// prepares .navcast/venv first), NAVCAST_TEST_TIER=slow runs *.slow.spec.ts (the slow
// posteriordb validations). The default tier (`npm test`) is vitest.config.ts.
const tier = process.env.NAVCAST_TEST_TIER;
if (tier !== 'python' && tier !== 'slow') throw new Error(`NAVCAST_TEST_TIER must be python or slow, not ${tier ?? 'unset'}`);

export default defineConfig({ ...base, test: { ...base.test, include: [`**/*.${tier}.spec.ts`] } });
