import type { RandomSource } from './rng.js';
import type { LogDensityTarget } from './types.js';

/** Test doubles shared by the sampler's unit tests (not exported from index.ts). */

/** A random source returning constants, to script directions and selections as Stan's mocks do. */
export class ConstantRandom implements RandomSource {
  constructor(
    private readonly u: number,
    private readonly z: number,
  ) {}
  uniform(): number {
    return this.u;
  }
  normal(): number {
    return this.z;
  }
  fillNormals(out: Float64Array, at: number, count: number): void {
    out.fill(this.z, at, at + count);
  }
}

/** log pi(q) = slope * sum(q) + offset: constant force, so leapfrog moves p by slope*epsilon per step. */
export function linearTarget(dim: number, slope: number, offset = 0): LogDensityTarget {
  return {
    dim,
    logDensityGradient(q, grad) {
      let sum = 0;
      for (let i = 0; i < dim; i++) {
        sum += q[i];
        grad[i] = slope;
      }
      return slope * sum + offset;
    },
  };
}

/** Independent normals with the given means and standard deviations. */
export function normalTarget(means: readonly number[], sds: readonly number[]): LogDensityTarget {
  return {
    dim: means.length,
    logDensityGradient(q, grad) {
      let lp = 0;
      for (let i = 0; i < means.length; i++) {
        const z = (q[i] - means[i]) / sds[i];
        lp -= 0.5 * z * z;
        grad[i] = -z / sds[i];
      }
      return lp;
    },
  };
}

/** Worker factory form of {@link normalTarget}, for sampleInWorkers tests. */
export function normalTargetFactory(args: { means: number[]; sds: number[] }): LogDensityTarget {
  return normalTarget(args.means, args.sds);
}
