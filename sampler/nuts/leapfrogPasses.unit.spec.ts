import { describe, expect, it } from 'vitest';
import { compileWat } from './leapfrogPasses.build.js';
import { LEAPFROG_PASSES_WASM_BASE64 } from './leapfrogPassesWasm.js';
import { standardNormalQuantile } from './normalQuantile.js';
import { Workspace } from './phaseSpace.js';
import { Xoshiro256StarStar } from './rng.js';

const DIM = 7; // odd: stride 8, one pad coordinate per vector
const VECTORS = 12;

/** A workspace with random vectors (metric positive) and a plain-array copy to compute the expectation from. */
function randomSpace(seed: number) {
  const rng = Xoshiro256StarStar.forStream(seed, 0);
  const space = new Workspace(DIM, VECTORS);
  const at = Array.from({ length: VECTORS }, () => space.allocate());
  for (const [k, offset] of at.entries()) {
    for (let i = 0; i < DIM; i++) space.heap[offset + i] = k === 0 ? 0.3 + rng.uniform() : 2 * rng.normal();
  }
  const vec = (k: number) => Array.from(space.view(at[k]));
  return { space, at, vec };
}

/** Every pad coordinate is still +0 (Object.is tells +0 from -0). */
function expectPadsZero(space: Workspace, at: number[]): void {
  for (const offset of at) expect(Object.is(space.heap[offset + DIM], 0)).toBe(true);
}

const EPS = -0.37; // a backward step, so signs are exercised

describe('leapfrog passes (WebAssembly)', () => {
  it('the embedded binary is the compiled leapfrogPasses.wat (run leapfrogPasses.build.ts after editing it)', async () => {
    const binary = await compileWat();
    expect(Buffer.from(binary).toString('base64')).toBe(LEAPFROG_PASSES_WASM_BASE64);
  });

  it('kickDrift and closeKick equal the scalar formulas bit for bit', () => {
    const { space, at, vec } = randomSpace(1);
    const [m, q, p, g] = [vec(0), vec(1), vec(2), vec(3)];
    space.passes.kickDrift(space.stride, at[1], at[2], at[3], at[0], EPS);
    const pKicked = p.map((x, i) => x + 0.5 * EPS * g[i]);
    expect(vec(2)).toEqual(pKicked);
    expect(vec(1)).toEqual(q.map((x, i) => x + EPS * (m[i] * pKicked[i])));
    const twoKinetic = space.passes.closeKick(space.stride, at[2], at[3], at[0], 0.5 * EPS);
    const pClosed = pKicked.map((x, i) => x + 0.5 * EPS * g[i]);
    expect(vec(2)).toEqual(pClosed);
    expect(twoKinetic).toBe(pClosed.reduce((s, x, i) => s + x * (m[i] * x), 0));
    expectPadsZero(space, at);
  });

  it('scaleMomentum turns standard normals into p = z / sqrt(m) with its kinetic sum', () => {
    const { space, at, vec } = randomSpace(5);
    space.heap[at[0] + DIM] = 1; // the kernel's metric pad
    const [m, z] = [vec(0), vec(1)];
    const twoKinetic = space.passes.scaleMomentum(space.stride, at[0], at[1]);
    const p = z.map((x, i) => x / Math.sqrt(m[i]));
    expect(vec(1)).toEqual(p);
    expect(twoKinetic).toBe(p.reduce((s, x, i) => s + x * (m[i] * x), 0));
    expectPadsZero(space, at.slice(1));
  });

  it('xoshiroNormals draws exactly the normals of Xoshiro256StarStar.normal() and advances the state alike', () => {
    const count = 200_000; // about 30,000 of them beyond |u - 0.5| = 0.425 (the tail formulas)
    const space = new Workspace(count, 1);
    const out = space.allocate();
    const wasmSide = Xoshiro256StarStar.forStream(99, 1);
    const jsSide = Xoshiro256StarStar.forStream(99, 1);
    wasmSide.writeWords(space.words, 2 * space.stateAt);
    space.passes.xoshiroNormals(count, out, space.stateAt);
    wasmSide.readWords(space.words, 2 * space.stateAt);
    const drawn = space.view(out);
    let mismatches = 0;
    let tails = 0;
    for (let i = 0; i < count; i++) {
      const expected = jsSide.normal();
      if (!Object.is(drawn[i], expected)) mismatches++;
      if (Math.abs(expected) > 1.44) tails++;
    }
    expect(mismatches).toBe(0);
    expect(tails).toBeGreaterThan(20_000);
    expect(wasmSide.saveState()).toEqual(jsSide.saveState());
  });

  it('its quantile equals standardNormalQuantile bit for bit in all three regions', () => {
    const rng = Xoshiro256StarStar.forStream(5, 0);
    const space = new Workspace(2, 1);
    const us = [0.5, 0.075, 0.925, 0.0749999, 1e-11, 1.3887943864964021e-11, 1e-12, 1e-100, 5e-324, 1 - 2 ** -53, 2 ** -52];
    for (let i = 0; i < 20_000; i++) us.push(rng.uniform(), rng.uniform() * 1e-10, 1 - rng.uniform() * 1e-9, Math.exp(-200 * rng.uniform()));
    const mismatched = us.filter((u) => !Object.is(space.passes.standardNormalQuantile(u), standardNormalQuantile(u)));
    expect(mismatched).toEqual([]);
  });

  it('closeLoneState closes the kick and writes the one-state subtree', () => {
    const { space, at, vec } = randomSpace(2);
    const [m, p, g] = [vec(0), vec(1), vec(2)];
    const twoKinetic = space.passes.closeLoneState(space.stride, at[1], at[2], at[0], 0.5 * EPS, at[3], at[4], at[5]);
    const pClosed = p.map((x, i) => x + 0.5 * EPS * g[i]);
    for (const k of [1, 3, 4, 5]) expect(vec(k)).toEqual(pClosed);
    expect(twoKinetic).toBe(pClosed.reduce((s, x, i) => s + x * (m[i] * x), 0));
    expectPadsZero(space, at);
  });

  it('closeFirstOpenSecond closes the first state and opens the second step', () => {
    const { space, at, vec } = randomSpace(3);
    const [m, q, p, g] = [vec(0), vec(1), vec(2), vec(3)];
    const twoKinetic = space.passes.closeFirstOpenSecond(space.stride, at[1], at[2], at[3], at[0], EPS, at[4], at[5]);
    const pClosed = p.map((x, i) => x + 0.5 * EPS * g[i]);
    const pOpened = pClosed.map((x, i) => x + 0.5 * EPS * g[i]);
    expect(vec(4)).toEqual(pClosed);
    expect(vec(5)).toEqual(q);
    expect(vec(2)).toEqual(pOpened);
    expect(vec(1)).toEqual(q.map((x, i) => x + EPS * (m[i] * pOpened[i])));
    expect(twoKinetic).toBe(pClosed.reduce((s, x, i) => s + x * (m[i] * x), 0));
    expectPadsZero(space, at);
  });

  it('closeSecondOfPair closes the pair with its U-turn sums and opens the next step aside', () => {
    const { space, at, vec } = randomSpace(4);
    const [m, q, p, g, pBeg] = [vec(0), vec(1), vec(2), vec(3), vec(4)];
    const out = space.scratchAt;
    space.passes.closeSecondOfPair(space.stride, at[1], at[2], at[3], at[0], EPS, at[4], at[5], at[6], at[7], at[8], out);
    const pClosed = p.map((x, i) => x + 0.5 * EPS * g[i]);
    const rho = pBeg.map((x, i) => x + pClosed[i]);
    const pOpened = pClosed.map((x, i) => x + 0.5 * EPS * g[i]);
    expect(vec(5)).toEqual(pClosed);
    expect(vec(6)).toEqual(rho);
    expect(vec(8)).toEqual(pOpened);
    expect(vec(7)).toEqual(q.map((x, i) => x + EPS * (m[i] * pOpened[i])));
    expect([vec(1), vec(2)]).toEqual([q, p]); // the state itself does not move
    expect(Array.from(space.heap.subarray(out, out + 3))).toEqual([
      pClosed.reduce((s, x, i) => s + x * (m[i] * x), 0),
      pClosed.reduce((s, x, i) => s + m[i] * x * rho[i], 0),
      pBeg.reduce((s, x, i) => s + m[i] * x * rho[i], 0),
    ]);
    expectPadsZero(space, at);
  });
});
