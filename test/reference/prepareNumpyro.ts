/**
 * `.ci/run` calls this before `npm test`: creates .navcast/venv with the pinned JAX and
 * NumPyro so that the NumPyro parity tests (test/reference/navcastParity.int.spec.ts) run
 * instead of being skipped. Exits 0 either way; when the install is impossible (no python3,
 * no package index) it prints why, and the parity suite then names the same reason.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNumpyroVenv } from '../bench/samplerBench/numpyroReference.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const started = Date.now();
const venv = ensureNumpyroVenv(root);
if ('reason' in venv) process.stderr.write(`NumPyro reference not installed, parity tests will be skipped: ${venv.reason}\n`);
else process.stdout.write(`NumPyro reference ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${venv.python}\n`);
