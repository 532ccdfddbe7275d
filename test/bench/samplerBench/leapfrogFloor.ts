/**
 * The least any NUTS implementation in this runtime can spend outside the gradient: a bare
 * leapfrog integration with nothing else. Each step is the target's gradient and one
 * WebAssembly pass, the sampler's `kickDrift` (p += (eps/2) g; q += eps M^-1 p): no energy, no
 * momentum sums, no U-turn checks, no multinomial selection, no momentum draws. A closing and
 * the next opening half kick use the same gradient, so a real integrator could merge them into
 * this one pass; it is the single pass over the vectors that every leapfrog step needs.
 *
 * Measured in CPU time, alternating rounds of `steps` gradients alone and `steps` bare
 * leapfrog steps at the same point, best round of each, so load that comes and goes affects
 * both alike. floorFraction = (bare step - gradient) / bare step.
 */
import { sample, type LogDensityTarget } from '../../../sampler/nuts/index.js';
import { Workspace } from '../../../sampler/nuts/phaseSpace.js';

export interface LeapfrogFloor {
  gradientNs: number;
  bareStepNs: number;
  /** Share of a bare leapfrog step's CPU time outside the gradient. */
  floorFraction: number;
}

const cpuNs = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) * 1000;
};

export function measureLeapfrogFloor(target: LogDensityTarget, seed: number, rounds = 15, steps = 4000): LeapfrogFloor {
  // A point in the posterior's bulk: the last draw of a short chain.
  const run = sample(target, { chains: 1, warmup: 200, draws: 1, seed });
  const space = new Workspace(target.dim, 4);
  const [qAt, pAt, gAt, mAt] = [space.allocate(), space.allocate(), space.allocate(), space.allocate()];
  const q = space.view(qAt);
  const grad = space.view(gAt);
  space.view(mAt).set(run.chains[0].inverseMetric);
  const eps = 1e-12; // keeps q at the point over many rounds; the pass costs the same for any eps
  let gradientNs = Number.POSITIVE_INFINITY;
  let bareStepNs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    q.set(run.chains[0].draws[0]);
    let start = process.cpuUsage();
    for (let i = 0; i < steps; i++) target.logDensityGradient(q, grad);
    gradientNs = Math.min(gradientNs, cpuNs(start) / steps);
    start = process.cpuUsage();
    for (let i = 0; i < steps; i++) {
      target.logDensityGradient(q, grad);
      space.passes.kickDrift(space.stride, qAt, pAt, gAt, mAt, eps);
    }
    bareStepNs = Math.min(bareStepNs, cpuNs(start) / steps);
  }
  return { gradientNs, bareStepNs, floorFraction: (bareStepNs - gradientNs) / bareStepNs };
}
