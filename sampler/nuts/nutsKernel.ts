import { SamplerError } from './errors.js';
import { Candidate, evaluateLogDensity, logSumExp, PhasePoint, Workspace } from './phaseSpace.js';
import { type RandomSource, Xoshiro256StarStar } from './rng.js';
import type { LogDensityTarget } from './types.js';
import { mergeNoUTurn } from './uTurn.js';

/** Energy error beyond which a trajectory is divergent (hard-coded max_deltaH in Stan's base_nuts). */
const MAX_DELTA_H = 1000;
const LOG_TARGET_ACCEPT_OF_HEURISTIC = Math.log(0.8);
/** Vectors a kernel needs besides its tree frames, plus spares for tests. */
const FIXED_VECTORS = 24 + 16;
/** Vectors per tree frame: four momentum vectors and a candidate (q, grad). */
const FRAME_VECTORS = 6;

/** Per-depth storage of build_tree (offsets into the workspace), so the recursion allocates nothing. */
class TreeFrame {
  readonly pInitEnd: number;
  readonly pFinalBeg: number;
  readonly rhoInit: number;
  readonly rhoFinal: number;
  readonly proposeFinal: Candidate;

  constructor(space: Workspace) {
    [this.pInitEnd, this.pFinalBeg, this.rhoInit, this.rhoFinal] = [space.allocate(), space.allocate(), space.allocate(), space.allocate()];
    this.proposeFinal = new Candidate(space);
  }
}

/**
 * Stan's base_nuts with the diag_e metric and the explicit leapfrog (docs/nuts.md §1.1-1.4):
 * multinomial sampling, uniform-progressive inside subtrees, biased-progressive at the top,
 * generalized no-U-turn criterion with the two extra checks per merge, divergence when
 * H - H0 > 1000. "p" is momentum, "rho" a sum of momenta (p_sharp = M^-1 p is recomputed from p
 * where the criterion needs it); vectors are offsets into one workspace. Statistics of the last
 * transition are left in public fields.
 */
export class NutsKernel {
  readonly dim: number;
  readonly space: Workspace;
  /** Diagonal of M^-1 (written by adaptation; a view of the workspace). */
  readonly inverseMetric: Float64Array;
  /** Nominal step size epsilon (written by adaptation). */
  stepSize: number;
  /** The chain's state: the last selected point, with its gradient cached. */
  current: Candidate;

  depth = 0;
  nLeapfrog = 0;
  divergent = false;
  acceptStat = Number.NaN;
  sumMetroProb = Number.NaN;
  /** Build depth-1 subtrees in fused passes (bit-identical, see leafPair); tests inspecting every criterion call turn it off. */
  fuseLeafPairs = true;
  /** log sum of exp(H0 - H) over the subtree built last. */
  subtreeLogSumWeight = Number.NEGATIVE_INFINITY;

  private readonly target: LogDensityTarget;
  private readonly rng: RandomSource;
  private readonly maxDepth: number;
  private readonly frames: TreeFrame[] = [];
  private readonly minvAt: number;
  private readonly fwd: PhasePoint;
  private readonly bck: PhasePoint;
  private z: PhasePoint;
  private h0 = Number.NaN;
  private epsilon = Number.NaN;
  private selected: Candidate;
  private readonly propose: Candidate;
  // Momenta at the four ends: f/b = forward/backward part, then its forward/backward end.
  private readonly pFF: number;
  private readonly pFB: number;
  private readonly pBF: number;
  private readonly pBB: number;
  private readonly rho: number;
  private readonly rhoFwd: number;
  private readonly rhoBck: number;

  constructor(target: LogDensityTarget, rng: RandomSource, maxDepth: number, stepSize: number) {
    const dim = target.dim;
    this.dim = dim;
    this.target = target;
    this.rng = rng;
    this.maxDepth = maxDepth;
    this.stepSize = Number.NaN; // a double first, so the field never changes representation
    this.stepSize = stepSize;
    const frameCount = Math.max(maxDepth, 4);
    const space = new Workspace(dim, FIXED_VECTORS + FRAME_VECTORS * frameCount);
    this.space = space;
    this.minvAt = space.allocate();
    this.inverseMetric = space.view(this.minvAt).fill(1);
    // An odd dim's pad coordinate of M^-1 is 1, so momentum draws keep the pad of p at +0.
    space.heap.fill(1, this.minvAt + dim, this.minvAt + space.stride);
    for (let depth = 0; depth < frameCount; depth++) this.frames.push(new TreeFrame(space));
    this.fwd = new PhasePoint(space);
    this.bck = new PhasePoint(space);
    this.z = this.fwd;
    this.current = new Candidate(space);
    this.selected = new Candidate(space);
    this.propose = new Candidate(space);
    const v = () => space.allocate();
    [this.pFF, this.pFB, this.pBF, this.pBB] = [v(), v(), v(), v()];
    [this.rho, this.rhoFwd, this.rhoBck] = [v(), v(), v()];
    this.resetTransitionFields();
  }

  /**
   * Writes every per-transition field a second time. V8 tracks a field written once as
   * constant; the first later write changes the object's map, and code optimised before that
   * (e.g. on-stack replacement inside the very first long trajectory) then deoptimises again
   * and again. Doing that write here keeps the map stable from the start.
   */
  private resetTransitionFields(): void {
    this.depth = 0;
    this.nLeapfrog = 0;
    this.divergent = false;
    this.acceptStat = Number.NaN;
    this.sumMetroProb = Number.NaN;
    this.subtreeLogSumWeight = Number.NEGATIVE_INFINITY;
    this.h0 = Number.NaN;
    this.epsilon = Number.NaN;
    this.z = this.fwd;
    this.selected = this.selected;
    this.current = this.current;
  }

  /** Moves the chain to q; returns false when log pi or its gradient is not finite there. */
  setPosition(q: Float64Array): boolean {
    const cur = this.current;
    cur.q.set(q);
    cur.logDensity = evaluateLogDensity(this.target, cur.q, cur.grad);
    cur.energy = Number.NaN;
    return Number.isFinite(cur.logDensity) && cur.grad.every(Number.isFinite);
  }

  /** One NUTS transition from `current` (base_nuts::transition). */
  transition(): void {
    const { space, rng, fwd, bck, current, propose } = this;
    const { pFF, pFB, pBF, pBB, rho, rhoFwd, rhoBck } = this;
    this.epsilon = this.stepSize;
    space.copy(fwd.qAt, current.qAt);
    space.copy(fwd.gradAt, current.gradAt);
    fwd.logDensity = current.logDensity;
    fwd.openedStep = Number.NaN;
    const twoKinetic = this.drawMomentum(fwd.pAt);
    space.copy(pFF, fwd.pAt);
    space.copy(pFB, fwd.pAt);
    space.copy(pBF, fwd.pAt);
    space.copy(pBB, fwd.pAt);
    space.copy(rho, fwd.pAt);
    bck.copyFrom(fwd);
    this.h0 = 0.5 * twoKinetic - current.logDensity;
    const selected = this.selected;
    selected.copyFrom(current);
    selected.energy = this.h0;
    let logSumWeight = 0;
    this.nLeapfrog = 0;
    this.sumMetroProb = 0;
    this.divergent = false;
    let depth = 0;
    while (depth < this.maxDepth) {
      let valid: boolean;
      if (rng.uniform() > 0.5) {
        this.z = fwd;
        space.copy(rhoBck, rho);
        space.copy(pBF, pFF);
        valid = this.buildTree(depth, 1, propose, pFB, pFF, rhoFwd);
      } else {
        this.z = bck;
        space.copy(rhoFwd, rho);
        space.copy(pFB, pBB);
        valid = this.buildTree(depth, -1, propose, pBF, pBB, rhoBck);
      }
      if (!valid) break;
      depth++;
      const subtreeWeight = this.subtreeLogSumWeight;
      // propose is rebuilt by the next subtree, so its vectors can be swapped in.
      if (subtreeWeight > logSumWeight) selected.swapWith(propose);
      else if (rng.uniform() < Math.exp(subtreeWeight - logSumWeight)) selected.swapWith(propose);
      logSumWeight = logSumExp(logSumWeight, subtreeWeight);
      if (!this.mergeCriterion(pBB, pFF, pBF, pFB, rhoBck, rhoFwd, rho)) break;
    }
    this.depth = depth;
    this.acceptStat = this.sumMetroProb / this.nLeapfrog;
    this.selected = current;
    this.current = selected;
  }

  /**
   * Stan's build_tree: integrates 2^depth steps from the integration end `z` in direction
   * `sign`, writes the subtree's proposal, end momenta and momentum sum (workspace offsets),
   * leaves its log weight in `subtreeLogSumWeight`, and returns false for a divergent or
   * U-turning subtree. Public only as a test seam, like Stan's base_nuts_test.
   */
  buildTree(depth: number, sign: 1 | -1, propose: Candidate, pBeg: number, pEnd: number, rho: number): boolean {
    if (depth === 0) return this.leaf(sign, propose, pBeg, pEnd, rho);
    if (depth === 1 && this.fuseLeafPairs) return this.leafPair(sign, propose, pBeg, pEnd, rho);
    const f = this.frames[depth];
    if (!this.buildTree(depth - 1, sign, propose, pBeg, f.pInitEnd, f.rhoInit)) return false;
    const weightInit = this.subtreeLogSumWeight;
    if (!this.buildTree(depth - 1, sign, f.proposeFinal, f.pFinalBeg, pEnd, f.rhoFinal)) {
      return false;
    }
    const weightFinal = this.subtreeLogSumWeight;
    const weight = logSumExp(weightInit, weightFinal);
    // f.proposeFinal is rebuilt by the next subtree at this depth, so its vectors can be swapped in.
    if (weightFinal > weight) propose.swapWith(f.proposeFinal);
    else if (this.rng.uniform() < Math.exp(weightFinal - weight)) propose.swapWith(f.proposeFinal);
    this.subtreeLogSumWeight = weight;
    return this.mergeCriterion(pBeg, pEnd, f.pInitEnd, f.pFinalBeg, f.rhoInit, f.rhoFinal, rho);
  }

  /** Test seam: integrate subtrees from `start` against reference energy h0 with step `epsilon`. */
  prepareSubtree(start: PhasePoint, h0: number, epsilon: number): void {
    this.z = start;
    start.openedStep = Number.NaN;
    this.h0 = h0;
    this.epsilon = epsilon;
    this.nLeapfrog = 0;
    this.sumMetroProb = 0;
    this.divergent = false;
  }

  /**
   * Stan's init_stepsize: doubles or halves the nominal step size until one leapfrog step from
   * `current` with fresh momentum crosses acceptance 0.8. `current` is left unchanged.
   */
  initStepSize(): void {
    if (this.stepSize === 0 || this.stepSize > 1e7 || Number.isNaN(this.stepSize)) return;
    const direction = this.trialEnergyChange() > LOG_TARGET_ACCEPT_OF_HEURISTIC ? 1 : -1;
    for (;;) {
      const deltaH = this.trialEnergyChange();
      if (direction === 1 && !(deltaH > LOG_TARGET_ACCEPT_OF_HEURISTIC)) break;
      if (direction === -1 && !(deltaH < LOG_TARGET_ACCEPT_OF_HEURISTIC)) break;
      this.stepSize = direction === 1 ? 2 * this.stepSize : 0.5 * this.stepSize;
      if (this.stepSize > 1e7) {
        throw new SamplerError('SAMPLER_IMPROPER_POSTERIOR', 'Posterior is improper: the step-size heuristic passed 1e7. Please check the model.');
      }
      if (this.stepSize === 0) {
        throw new SamplerError('SAMPLER_NO_STEP_SIZE', 'No acceptably small step size could be found. Perhaps the posterior is not continuous?');
      }
    }
  }

  /** The three-check merge; overridden by tests that inspect what the criterion receives. */
  protected mergeCriterion(pBeg: number, pEnd: number, pInitEnd: number, pFinalBeg: number, rhoInit: number, rhoFinal: number, rho: number): boolean {
    return mergeNoUTurn(this.space, this.minvAt, pBeg, pEnd, pInitEnd, pFinalBeg, rhoInit, rhoFinal, rho);
  }

  /**
   * Half kick, drift and gradient of the leapfrog (the closing half kick is left to the caller);
   * the kick and drift are taken from z's opened step when a closing pass already did them.
   */
  private kickDrift(z: PhasePoint, epsilon: number): void {
    if (z.openedStep === epsilon) z.adoptOpenedStep();
    else {
      this.space.passes.kickDrift(this.space.stride, z.qAt, z.pAt, z.gradAt, this.minvAt, epsilon);
      z.openedStep = Number.NaN;
    }
    z.logDensity = evaluateLogDensity(this.target, z.q, z.grad);
  }

  /** Depth-0 build_tree: one leapfrog step fused with the bookkeeping of the new state. */
  private leaf(sign: 1 | -1, propose: Candidate, pBeg: number, pEnd: number, rho: number): boolean {
    const z = this.z;
    const epsilon = sign * this.epsilon;
    this.kickDrift(z, epsilon);
    const { passes, stride } = this.space;
    const twoKinetic = passes.closeLoneState(stride, z.pAt, z.gradAt, this.minvAt, 0.5 * epsilon, pBeg, pEnd, rho);
    const h = this.recordLeaf(twoKinetic, z.logDensity);
    if (this.divergent) return false;
    this.subtreeLogSumWeight = this.h0 - h;
    propose.copyFromPoint(z, h);
    return true;
  }

  /**
   * A depth-1 subtree: two leaves and their merge in three passes instead of five. For two
   * single states the three checks of the merge coincide (rho = p1 + p2 in each, as float
   * addition commutes), leaving crit(M^-1 p1, M^-1 p2, p1 + p2). The pass that closes the first step
   * also opens the second (same gradient), copying q1 to the proposal on the way; if the first
   * state diverges the transition ends, so the early move of z is never used. The pass that
   * closes the second state opens the step after it into z's spare vectors, so a following
   * pair starts with the gradient evaluation (two passes per pair). Arithmetic and random
   * draws are those of the recursive form, bit for bit.
   */
  private leafPair(sign: 1 | -1, propose: Candidate, pBeg: number, pEnd: number, rho: number): boolean {
    const { z, space, minvAt } = this;
    const { heap, passes, stride, scratchAt } = space;
    const epsilon = sign * this.epsilon;
    this.kickDrift(z, epsilon);
    const logDensity1 = z.logDensity;
    const twoKinetic1 = passes.closeFirstOpenSecond(stride, z.qAt, z.pAt, z.gradAt, minvAt, epsilon, pBeg, propose.qAt);
    const h1 = this.recordLeaf(twoKinetic1, logDensity1);
    if (this.divergent) return false;
    propose.swapGradientWith(z); // z's gradient at q1 is consumed; the one at q2 goes to a spare vector
    propose.logDensity = logDensity1;
    propose.energy = h1;
    z.logDensity = evaluateLogDensity(this.target, z.q, z.grad);
    passes.closeSecondOfPair(stride, z.qAt, z.pAt, z.gradAt, minvAt, epsilon, pBeg, pEnd, rho, z.qNextAt, z.pNextAt, scratchAt);
    z.openedStep = epsilon;
    const h2 = this.recordLeaf(heap[scratchAt], z.logDensity);
    if (this.divergent) return false;
    const weightInit = this.h0 - h1;
    const weightFinal = this.h0 - h2;
    const weight = logSumExp(weightInit, weightFinal);
    if (weightFinal > weight) this.proposeSecond(propose, z, h2);
    else if (this.rng.uniform() < Math.exp(weightFinal - weight)) this.proposeSecond(propose, z, h2);
    this.subtreeLogSumWeight = weight;
    return heap[scratchAt + 1] > 0 && heap[scratchAt + 2] > 0;
  }

  /** Fresh momentum p ~ N(0, M) at offset p (dim normals, in order); returns p' M^-1 p. */
  private drawMomentum(p: number): number {
    const { space, rng } = this;
    if (rng instanceof Xoshiro256StarStar) {
      // The same normals drawn in WebAssembly: the generator's state goes in and comes back.
      rng.writeWords(space.words, 2 * space.stateAt);
      space.passes.xoshiroNormals(this.dim, p, space.stateAt);
      rng.readWords(space.words, 2 * space.stateAt);
    } else rng.fillNormals(space.heap, p, this.dim);
    return space.passes.scaleMomentum(space.stride, this.minvAt, p);
  }

  /**
   * The pair's second state becomes the proposal. Its gradient has been consumed by the opened
   * next step, so that vector is swapped in; q is copied, as z's position stays readable.
   */
  private proposeSecond(propose: Candidate, z: PhasePoint, energy: number): void {
    this.space.copy(propose.qAt, z.qAt);
    propose.swapGradientWith(z);
    propose.logDensity = z.logDensity;
    propose.energy = energy;
  }

  /** Energy of a new state (NaN counts as +Infinity), with divergence and acceptance bookkeeping. */
  private recordLeaf(twoKinetic: number, logDensity: number): number {
    this.nLeapfrog++;
    let h = 0.5 * twoKinetic - logDensity;
    if (Number.isNaN(h)) h = Number.POSITIVE_INFINITY;
    if (h - this.h0 > MAX_DELTA_H) this.divergent = true;
    const logWeight = this.h0 - h;
    this.sumMetroProb += logWeight > 0 ? 1 : Math.exp(logWeight);
    return h;
  }

  /** H0 - H after one leapfrog step of the nominal size from `current` with fresh momentum. */
  private trialEnergyChange(): number {
    const { fwd: z, current: cur, space, minvAt } = this;
    space.copy(z.qAt, cur.qAt);
    space.copy(z.gradAt, cur.gradAt);
    z.logDensity = cur.logDensity;
    z.openedStep = Number.NaN;
    const h0 = 0.5 * this.drawMomentum(z.pAt) - cur.logDensity;
    this.kickDrift(z, this.stepSize);
    let h = 0.5 * space.passes.closeKick(space.stride, z.pAt, z.gradAt, minvAt, 0.5 * this.stepSize) - z.logDensity;
    if (Number.isNaN(h)) h = Number.POSITIVE_INFINITY;
    return h0 - h;
  }
}
