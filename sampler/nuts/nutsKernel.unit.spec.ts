import { describe, expect, it } from 'vitest';
import { NutsKernel } from './nutsKernel.js';
import { Candidate, PhasePoint, Workspace } from './phaseSpace.js';
import { Xoshiro256StarStar } from './rng.js';
import { ConstantRandom, linearTarget } from './testTargets.js';
import type { LogDensityTarget } from './types.js';
import { mergeNoUTurn } from './uTurn.js';

/**
 * Ports of stan-dev/stan src/test/unit/mcmc/hmc/nuts/base_nuts_test.cpp. Stan's mocks use an
 * integrator q += eps p with constant p and (in newer versions) dtau_dp = q; here the real
 * leapfrog runs on a flat target (p stays constant) or a linear one (p grows by 1.5 per step,
 * so p_sharp identifies the step as Stan's q-valued mock does, shifted by one step).
 */
const P0 = 1.5;

type Recorded = { minus: number; plus: number; rho: number };

/** Like Stan's rho_inspector / edge_inspector mocks: records what each criterion call receives, always continues. */
class RecordingKernel extends NutsKernel {
  readonly calls: Recorded[] = [];
  override fuseLeafPairs = false;
  protected override mergeCriterion(pBeg: number, pEnd: number, pInitEnd: number, pFinalBeg: number, rhoInit: number, rhoFinal: number, rho: number): boolean {
    // One-dimensional targets: each offset addresses a single number of the workspace, and
    // p_sharp = M^-1 p as the criterion forms it.
    const h = this.space.heap;
    const ps = (p: number) => this.inverseMetric[0] * h[p];
    h[rho] = h[rhoInit] + h[rhoFinal];
    this.calls.push({ minus: ps(pBeg), plus: ps(pEnd), rho: h[rho] });
    this.calls.push({ minus: ps(pBeg), plus: ps(pFinalBeg), rho: h[rhoInit] + h[pFinalBeg] });
    this.calls.push({ minus: ps(pInitEnd), plus: ps(pEnd), rho: h[rhoFinal] + h[pInitEnd] });
    return true;
  }
}

function startPoint(target: LogDensityTarget, kernel: NutsKernel): PhasePoint {
  const z = new PhasePoint(kernel.space);
  z.q[0] = 0;
  kernel.space.heap[z.pAt] = P0;
  z.logDensity = target.logDensityGradient(z.q, z.grad);
  return z;
}

/** Offsets of pBeg, pEnd, rho in the kernel's workspace. */
const buffers = (kernel: NutsKernel) => Array.from({ length: 3 }, () => kernel.space.allocate());

describe('build_tree (Stan base_nuts_test)', () => {
  it('build_tree_test: depth 3 with H = 0 and H0 = -0.1', () => {
    // log pi = 1.125 = p^2/2 makes H = -log pi + p^2/2 = 0 along the whole flat trajectory.
    const target = linearTarget(1, 0, 0.5 * P0 * P0);
    const kernel = new NutsKernel(target, Xoshiro256StarStar.forStream(0, 0), 10, 1);
    const z = startPoint(target, kernel);
    kernel.prepareSubtree(z, -0.1, 1);
    const [pBeg, pEnd, rho] = buffers(kernel);
    const valid = kernel.buildTree(3, 1, new Candidate(kernel.space), pBeg, pEnd, rho);
    const h = kernel.space.heap;
    expect(valid).toBe(true);
    expect(kernel.nLeapfrog).toBe(8);
    // Stan's rho accumulates into the caller's z0.p; ours is the subtree's own sum.
    expect(h[rho]).toBe(8 * P0);
    expect([h[pBeg], h[pEnd]]).toEqual([P0, P0]);
    expect(z.q[0]).toBe(8 * P0);
    expect(h[z.pAt]).toBe(P0);
    expect(kernel.subtreeLogSumWeight).toBeCloseTo(-0.1 + Math.log(8), 12);
    expect(kernel.sumMetroProb).toBeCloseTo(8 * Math.exp(-0.1), 12);
  });

  it('rho_aggregation_test: 21 criterion calls with rho/p = 2,2,2, 2,2,2, 4,3,3, ..., 8,5,5', () => {
    const target = linearTarget(1, 0);
    const kernel = new RecordingKernel(target, Xoshiro256StarStar.forStream(0, 0), 10, 1);
    kernel.prepareSubtree(startPoint(target, kernel), -0.1, 1);
    const [pBeg, pEnd, rho] = buffers(kernel);
    kernel.buildTree(3, 1, new Candidate(kernel.space), pBeg, pEnd, rho);
    expect(kernel.calls.map((c) => c.rho / P0)).toEqual([2, 2, 2, 2, 2, 2, 4, 3, 3, 2, 2, 2, 2, 2, 2, 4, 3, 3, 8, 5, 5]);
  });

  it('rho aggregation with distinct momenta pairs each half with the adjacent state of the other', () => {
    // p of state n is 1.5 (n + 1), so p/1.5 = 2..9 for the 8 states of a depth-3 subtree.
    const target = linearTarget(1, P0);
    const kernel = new RecordingKernel(target, Xoshiro256StarStar.forStream(0, 0), 10, 1);
    kernel.prepareSubtree(startPoint(target, kernel), 0.5 * P0 * P0, 1);
    const [pBeg, pEnd, rho] = buffers(kernel);
    kernel.buildTree(3, 1, new Candidate(kernel.space), pBeg, pEnd, rho);
    expect(kernel.calls.map((c) => c.rho / P0)).toEqual([5, 5, 5, 9, 9, 9, 14, 9, 12, 13, 13, 13, 17, 17, 17, 30, 21, 24, 44, 20, 35]);
  });

  it('divergence_test: divergent exactly when H - H0 > 1000, also for rejected points', () => {
    let nextLogDensity = 0;
    const target: LogDensityTarget = {
      dim: 1,
      logDensityGradient(_q, grad) {
        grad[0] = 0;
        if (Number.isNaN(nextLogDensity)) throw new Error('outside support');
        return nextLogDensity;
      },
    };
    const leaf = (logDensity: number) => {
      const kernel = new NutsKernel(target, Xoshiro256StarStar.forStream(0, 0), 10, 1);
      const z = new PhasePoint(kernel.space); // p = 0: H = -log pi
      kernel.prepareSubtree(z, -0.1, 1);
      nextLogDensity = logDensity;
      const [pBeg, pEnd, rho] = buffers(kernel);
      const valid = kernel.buildTree(0, 1, new Candidate(kernel.space), pBeg, pEnd, rho);
      expect(valid).toBe(!kernel.divergent);
      return kernel.divergent;
    };
    expect(leaf(250)).toBe(false); // Stan: V = -250
    expect(leaf(-250)).toBe(false); // V = 250
    expect(leaf(-999.8)).toBe(false); // H - H0 = 999.9
    expect(leaf(-1250)).toBe(true); // V = 1250
    expect(leaf(Number.POSITIVE_INFINITY)).toBe(true); // non-finite log density is a rejection
    expect(leaf(Number.NaN)).toBe(true); // a throw is a rejection
  });
});

describe('transition (Stan base_nuts_test)', () => {
  it('transition: criterion always true runs to max depth with 2^10 - 1 leapfrogs', () => {
    const target = linearTarget(1, 0);
    // u = 0.9: always extend forward, always take the new top-level subtree (u < 1), inside
    // subtrees keep the left half (u > 1/2): the draw is the first state of the last subtree.
    const kernel = new RecordingKernel(target, new ConstantRandom(0.9, P0), 10, 1);
    expect(kernel.setPosition(new Float64Array([0]))).toBe(true);
    kernel.transition();
    expect(kernel.depth).toBe(10);
    expect(kernel.nLeapfrog).toBe(1023);
    expect(kernel.divergent).toBe(false);
    expect(kernel.current.q[0]).toBe(512 * P0);
    expect(kernel.current.logDensity).toBe(0);
    expect(kernel.acceptStat).toBe(1);
  });

  it('transition_egde_momenta: the criterion sees the right end momenta at depth 2', () => {
    // log pi = 1.5 q: each leapfrog adds 1.5 to p, so p_sharp of state n is 1.5 (n + 1).
    const target = linearTarget(1, P0);
    const kernel = new RecordingKernel(target, new ConstantRandom(0.9, P0), 2, 1);
    kernel.setPosition(new Float64Array([0]));
    kernel.transition();
    expect(kernel.depth).toBe(2);
    expect(kernel.nLeapfrog).toBe(3);
    expect(kernel.divergent).toBe(false);
    const pairs = kernel.calls.map((c) => [c.minus / P0, c.plus / P0]);
    // Stan's expectations (0,1)x3, (2,3)x3, (0,3), (0,2), (1,3), each shifted by one step.
    expect(pairs).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
      [3, 4],
      [3, 4],
      [3, 4],
      [1, 4],
      [1, 3],
      [2, 4],
    ]);
  });

  it('a subtree that diverges is discarded and the draw stays in the valid trajectory', () => {
    // Support q < 3.2 (deterministic forward run): states beyond are rejected.
    const target: LogDensityTarget = {
      dim: 1,
      logDensityGradient(q, grad) {
        grad[0] = 0;
        return q[0] < 3.2 ? 0 : Number.NaN;
      },
    };
    const kernel = new NutsKernel(target, new ConstantRandom(0.9, 1), 10, 1);
    kernel.setPosition(new Float64Array([0]));
    kernel.transition();
    // Depths 0 and 1 reach q = 1, 2, 3; the depth-2 subtree hits q = 4 and is discarded.
    expect(kernel.divergent).toBe(true);
    expect(kernel.depth).toBe(2);
    expect(kernel.nLeapfrog).toBe(4);
    expect(kernel.current.q[0]).toBe(2);
    expect(kernel.acceptStat).toBe(3 / 4);
  });
});

describe('fused depth-1 subtrees', () => {
  it('give bit-identical transitions to the plain recursion', () => {
    // Correlated 3-d Gaussian with a non-unit metric, so trajectories U-turn at many depths.
    const target: LogDensityTarget = {
      dim: 3,
      logDensityGradient(q, grad) {
        grad[0] = -(q[0] - 0.8 * q[1]);
        grad[1] = -(q[1] - 0.8 * q[0]) - 0.1 * q[1];
        grad[2] = -q[2] / 9;
        return 0.5 * (q[0] * grad[0] + q[1] * grad[1] + q[2] * grad[2]);
      },
    };
    const run = (fuse: boolean) => {
      const kernel = new NutsKernel(target, Xoshiro256StarStar.forStream(17, 0), 10, 0.9);
      kernel.fuseLeafPairs = fuse;
      kernel.inverseMetric.set([1.5, 0.7, 4]);
      kernel.setPosition(new Float64Array([0.3, -1, 2]));
      const out: number[] = [];
      for (let t = 0; t < 400; t++) {
        kernel.transition();
        out.push(...kernel.current.q, kernel.depth, kernel.nLeapfrog, kernel.acceptStat, kernel.current.energy);
      }
      return out;
    };
    const fused = run(true);
    expect(fused).toEqual(run(false));
    const depths = new Set(fused.filter((_, i) => i % 7 === 3));
    expect(depths.size).toBeGreaterThanOrEqual(3);
  });
});

describe('mergeNoUTurn', () => {
  it('equals the three separate checks of Stan on p_sharp = M^-1 p, and sums rho', () => {
    const rng = Xoshiro256StarStar.forStream(3, 0);
    const n = 5; // odd: the workspace pads each vector with a zero coordinate
    const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
    const add = (a: number[], b: number[]) => a.map((x, i) => x + b[i]);
    const crit = (minus: number[], plus: number[], r: number[]) => dot(plus, r) > 0 && dot(minus, r) > 0;
    const space = new Workspace(n, 8);
    const offsets = Array.from({ length: 8 }, () => space.allocate());
    let continued = 0;
    for (let trial = 0; trial < 500; trial++) {
      // Metric, six momentum vectors, and the vector that receives rho.
      const vectors = Array.from({ length: 7 }, (_, k) => Array.from({ length: n }, () => (k === 0 ? 0.2 + rng.uniform() : rng.normal() + 0.8)));
      vectors.forEach((v, k) => space.view(offsets[k]).set(v));
      const [m, pBeg, pEnd, pInitEnd, pFinalBeg, rhoInit, rhoFinal] = vectors;
      const sharp = (p: number[]) => p.map((x, i) => m[i] * x);
      const expectedRho = add(rhoInit, rhoFinal);
      const expected = crit(sharp(pBeg), sharp(pEnd), expectedRho) && crit(sharp(pBeg), sharp(pFinalBeg), add(rhoInit, pFinalBeg)) && crit(sharp(pInitEnd), sharp(pEnd), add(rhoFinal, pInitEnd));
      const [mAt, pBegAt, pEndAt, pInitEndAt, pFinalBegAt, rhoInitAt, rhoFinalAt, rhoAt] = offsets;
      const got = mergeNoUTurn(space, mAt, pBegAt, pEndAt, pInitEndAt, pFinalBegAt, rhoInitAt, rhoFinalAt, rhoAt);
      expect(got).toBe(expected);
      expect(Array.from(space.view(rhoAt))).toEqual(expectedRho);
      if (got) continued++;
    }
    // Both outcomes occur, so the comparison exercised both branches.
    expect(continued).toBeGreaterThan(50);
    expect(continued).toBeLessThan(450);
  });
});
