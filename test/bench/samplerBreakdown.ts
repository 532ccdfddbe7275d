/**
 * Per-leapfrog cost breakdown of the sampler on the AR(1) state-space posterior (T = 500,
 * d = 504): `npx tsx test/bench/samplerBreakdown.ts`. One chain (1000 + 1000, the benchmark's
 * seed) counts how often each WebAssembly pass, vector copy and momentum draw runs per
 * gradient evaluation; then each is timed alone at d = 504 (CPU time, best of 12 rounds, hot
 * caches, so a lower bound for the run itself). The last line is a JSON object.
 */
import { collectChain, NutsChain, resolveOptions, Xoshiro256StarStar, type LogDensityTarget } from '../../sampler/nuts/index.js';
import type { LeapfrogPasses } from '../../sampler/nuts/leapfrogPasses.js';
import { ar1StateSpace, simulateAr1StateSpace } from '../../sampler/models/ar1StateSpace.js';
import { Workspace } from '../../sampler/nuts/phaseSpace.js';

const ar1 = ar1StateSpace(simulateAr1StateSpace());
const dim = ar1.dim;

/** Calls per gradient evaluation of each pass and of Workspace.copy in one chain. */
function countCalls(): { perGradient: Record<string, number>; gradientsPerTransition: number } {
  let gradients = 0;
  const counted: LogDensityTarget = { dim, logDensityGradient: (q, g) => (gradients++, ar1.logDensityGradient(q, g)) };
  const options = { chains: 1, warmup: 1000, draws: 1000, seed: 20240611 };
  const [config] = resolveOptions(options, dim).chainConfigs;
  const chain = NutsChain.start(counted, config, options.seed, 0);
  const counts: Record<string, number> = { copy: 0 };
  const space = chain.kernel.space;
  const copy = space.copy.bind(space);
  space.copy = (to, from) => (counts.copy++, copy(to, from));
  const passes = space.passes as unknown as Record<string, (...args: number[]) => number>;
  const wrapped: Record<string, (...args: number[]) => number> = {};
  for (const name of Object.keys(passes)) {
    counts[name] = 0;
    wrapped[name] = (...args) => (counts[name]++, passes[name](...args));
  }
  (space as { passes: unknown }).passes = wrapped;
  gradients = 0;
  collectChain(chain);
  const perGradient = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / gradients]));
  return { perGradient, gradientsPerTransition: gradients / (options.warmup + options.draws) };
}

/** Best CPU ns per call of `f` over rounds of `calls` calls. */
function cpuNanoseconds(f: () => void, calls: number, rounds = 12): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) f();
    const used = process.cpuUsage(start);
    best = Math.min(best, ((used.user + used.system) * 1000) / calls);
  }
  return best;
}

const { perGradient, gradientsPerTransition } = countCalls();
const space = new Workspace(dim, 20);
const at = Array.from({ length: 20 }, () => space.allocate());
for (const offset of at) for (let i = 0; i < dim; i++) space.heap[offset + i] = 0.5 + 0.3 * Math.sin(offset + i);
const P: LeapfrogPasses = space.passes;
const n = space.stride;
const eps = 1e-9; // keeps the vectors bounded over many repetitions
const rng = Xoshiro256StarStar.forStream(1, 0);
const q = space.view(at[1]);
const grad = space.view(at[3]);
const unit: Record<string, number> = {
  gradient: cpuNanoseconds(() => ar1.logDensityGradient(q, grad), 5000),
  kickDrift: cpuNanoseconds(() => P.kickDrift(n, at[1], at[2], at[3], at[0], eps), 5000),
  closeLoneState: cpuNanoseconds(() => P.closeLoneState(n, at[2], at[3], at[0], eps, at[4], at[5], at[6]), 5000),
  closeFirstOpenSecond: cpuNanoseconds(() => P.closeFirstOpenSecond(n, at[1], at[2], at[3], at[0], eps, at[4], at[5]), 5000),
  closeSecondOfPair: cpuNanoseconds(() => P.closeSecondOfPair(n, at[1], at[2], at[3], at[0], eps, at[4], at[5], at[6], at[7], at[8], space.scratchAt), 5000),
  mergeNoUTurn: cpuNanoseconds(() => P.mergeNoUTurn(n, at[0], at[9], at[10], at[11], at[12], at[13], at[14], at[15]), 5000),
  closeKick: cpuNanoseconds(() => P.closeKick(n, at[2], at[3], at[0], eps), 5000),
  copy: cpuNanoseconds(() => space.copy(at[16], at[17]), 20000),
  momentumDraw: cpuNanoseconds(() => {
    // As NutsKernel.drawMomentum does for a Xoshiro256StarStar generator.
    rng.writeWords(space.words, 2 * space.stateAt);
    P.xoshiroNormals(dim, at[18], space.stateAt);
    rng.readWords(space.words, 2 * space.stateAt);
    P.scaleMomentum(n, at[0], at[18]);
  }, 300),
};
// Per gradient: each pass and copy times its calls per gradient; the momentum once per transition.
const perLeapfrog: Record<string, number> = {};
for (const [name, ns] of Object.entries(unit)) {
  if (name === 'gradient') continue;
  const per = name === 'momentumDraw' ? 1 / gradientsPerTransition : (perGradient[name] ?? 0);
  if (name === 'scaleMomentum') continue;
  perLeapfrog[name] = ns * per;
}
const counted = Object.values(perLeapfrog).reduce((s, x) => s + x, 0);
console.log(`d = ${dim}, ${gradientsPerTransition.toFixed(1)} gradients per transition; ns per gradient evaluation:`);
console.log(`  ${'gradient'.padEnd(22)}${unit.gradient.toFixed(0).padStart(8)}`);
for (const [name, ns] of Object.entries(perLeapfrog)) {
  const per = name === 'momentumDraw' ? 1 / gradientsPerTransition : perGradient[name];
  console.log(`  ${name.padEnd(22)}${ns.toFixed(0).padStart(8)}   (${unit[name].toFixed(0)} ns x ${per.toFixed(3)})`);
}
console.log(`  ${'sum of the above'.padEnd(22)}${counted.toFixed(0).padStart(8)}   => overhead fraction from these alone ${(counted / (counted + unit.gradient)).toFixed(3)}`);
console.log(JSON.stringify({ gradientNs: unit.gradient, bookkeepingNsCounted: counted, perLeapfrogNs: perLeapfrog, unitNs: unit, callsPerGradient: perGradient }));
