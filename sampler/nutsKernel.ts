import { SamplerError } from './errors.js';
import { closeFirstOpenSecond, closeKick, closeLoneState, closeSecondOfPair, kickDrift, sampleMomentum } from './leapfrogPasses.js';
import { Candidate, evaluateLogDensity, logSumExp, PhasePoint } from './phaseSpace.js';
import type { RandomSource } from './rng.js';
import type { LogDensityTarget } from './types.js';
import { mergeNoUTurn } from './uTurn.js';

/** Energy error beyond which a trajectory is divergent (hard-coded max_deltaH in Stan's base_nuts). */
const MAX_DELTA_H = 1000;
const LOG_TARGET_ACCEPT_OF_HEURISTIC = Math.log(0.8);

/** Per-depth storage of build_tree, allocated once so the recursion allocates nothing. */
class TreeFrame {
  readonly pInitEnd: Float64Array;
  readonly psInitEnd: Float64Array;
  readonly pFinalBeg: Float64Array;
  readonly psFinalBeg: Float64Array;
  readonly rhoInit: Float64Array;
  readonly rhoFinal: Float64Array;
  readonly proposeFinal: Candidate;

  constructor(dim: number) {
    this.pInitEnd = new Float64Array(dim);
    this.psInitEnd = new Float64Array(dim);
    this.pFinalBeg = new Float64Array(dim);
    this.psFinalBeg = new Float64Array(dim);
    this.rhoInit = new Float64Array(dim);
    this.rhoFinal = new Float64Array(dim);
    this.proposeFinal = new Candidate(dim);
  }
}

/**
 * Stan's base_nuts with the diag_e metric and the explicit leapfrog (nuts.md §1.1-1.4):
 * multinomial sampling, uniform-progressive inside subtrees, biased-progressive at the top,
 * generalized no-U-turn criterion with the two extra checks per merge, divergence when
 * H - H0 > 1000. "p" below is momentum, "ps" is p_sharp = M^-1 p, "rho" a sum of momenta.
 * Statistics of the last transition are left in the public fields.
 */
export class NutsKernel {
  readonly dim: number;
  /** Diagonal of M^-1 (written by adaptation). */
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
  /**
   * Build depth-1 subtrees in one fused pass (bit-identical results, see leafPair). Tests that
   * inspect every criterion call turn it off.
   */
  fuseLeafPairs = true;
  /** log sum of exp(H0 - H) over the subtree built last. */
  subtreeLogSumWeight = Number.NEGATIVE_INFINITY;

  private readonly target: LogDensityTarget;
  private readonly rng: RandomSource;
  private readonly maxDepth: number;
  private readonly frames: TreeFrame[] = [];
  private readonly fwd: PhasePoint;
  private readonly bck: PhasePoint;
  private z: PhasePoint;
  private h0 = Number.NaN;
  private epsilon = Number.NaN;
  private selected: Candidate;
  private readonly propose: Candidate;
  // Momenta at the four ends: f/b = forward/backward part, then its forward/backward end.
  private readonly pFF: Float64Array; private readonly pFB: Float64Array;
  private readonly pBF: Float64Array; private readonly pBB: Float64Array;
  private readonly psFF: Float64Array; private readonly psFB: Float64Array;
  private readonly psBF: Float64Array; private readonly psBB: Float64Array;
  private readonly rho: Float64Array;
  private readonly rhoFwd: Float64Array;
  private readonly rhoBck: Float64Array;
  /** Scratch for closeSecondOfPair: [2 x kinetic, psEnd . rho, psBeg . rho]. */
  private readonly pairSums = new Float64Array(3);
  private readonly normal: () => number;

  constructor(target: LogDensityTarget, rng: RandomSource, maxDepth: number, stepSize: number) {
    const dim = target.dim;
    this.dim = dim;
    this.target = target;
    this.rng = rng;
    this.normal = () => rng.normal();
    this.maxDepth = maxDepth;
    this.stepSize = Number.NaN; // a double first, so the field never changes representation
    this.stepSize = stepSize;
    this.inverseMetric = new Float64Array(dim).fill(1);
    for (let depth = 0; depth < Math.max(maxDepth, 4); depth++) this.frames.push(new TreeFrame(dim));
    this.fwd = new PhasePoint(dim);
    this.bck = new PhasePoint(dim);
    this.z = this.fwd;
    this.current = new Candidate(dim);
    this.selected = new Candidate(dim);
    this.propose = new Candidate(dim);
    const vector = () => new Float64Array(dim);
    [this.pFF, this.pFB, this.pBF, this.pBB] = [vector(), vector(), vector(), vector()];
    [this.psFF, this.psFB, this.psBF, this.psBB] = [vector(), vector(), vector(), vector()];
    [this.rho, this.rhoFwd, this.rhoBck] = [vector(), vector(), vector()];
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
    const { inverseMetric: minv, rng, fwd, bck, current, propose } = this;
    const { pFF, pFB, pBF, pBB, psFF, psFB, psBF, psBB, rho, rhoFwd, rhoBck } = this;
    this.epsilon = this.stepSize;
    fwd.q.set(current.q);
    fwd.grad.set(current.grad);
    fwd.logDensity = current.logDensity;
    const twoKinetic = sampleMomentum(this.normal, minv, fwd.p, psFF);
    for (const v of [pFF, pFB, pBF, pBB, rho]) v.set(fwd.p);
    for (const v of [psFB, psBF, psBB]) v.set(psFF);
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
        rhoBck.set(rho); pBF.set(pFF); psBF.set(psFF);
        valid = this.buildTree(depth, 1, propose, psFB, psFF, pFB, pFF, rhoFwd);
      } else {
        this.z = bck;
        rhoFwd.set(rho); pFB.set(pBB); psFB.set(psBB);
        valid = this.buildTree(depth, -1, propose, psBF, psBB, pBF, pBB, rhoBck);
      }
      if (!valid) break;
      depth++;
      const subtreeWeight = this.subtreeLogSumWeight;
      if (subtreeWeight > logSumWeight) selected.copyFrom(propose);
      else if (rng.uniform() < Math.exp(subtreeWeight - logSumWeight)) selected.copyFrom(propose);
      logSumWeight = logSumExp(logSumWeight, subtreeWeight);
      if (!this.mergeCriterion(psBB, psFF, psBF, psFB, pBF, pFB, rhoBck, rhoFwd, rho)) break;
    }
    this.depth = depth;
    this.acceptStat = this.sumMetroProb / this.nLeapfrog;
    this.selected = current;
    this.current = selected;
  }

  /**
   * Stan's build_tree: integrates 2^depth steps from the integration end `z` in direction
   * `sign`, writes the subtree's proposal, end momenta and momentum sum, leaves its log
   * weight in `subtreeLogSumWeight`, and returns false for a divergent or U-turning subtree.
   * Public only as a test seam, like Stan's base_nuts_test.
   */
  buildTree(
    depth: number,
    sign: 1 | -1,
    propose: Candidate,
    psBeg: Float64Array,
    psEnd: Float64Array,
    pBeg: Float64Array,
    pEnd: Float64Array,
    rho: Float64Array,
  ): boolean {
    if (depth === 0) return this.leaf(sign, propose, psBeg, psEnd, pBeg, pEnd, rho);
    if (depth === 1 && this.fuseLeafPairs) return this.leafPair(sign, propose, psBeg, psEnd, pBeg, pEnd, rho);
    const f = this.frames[depth];
    if (!this.buildTree(depth - 1, sign, propose, psBeg, f.psInitEnd, pBeg, f.pInitEnd, f.rhoInit)) return false;
    const weightInit = this.subtreeLogSumWeight;
    if (!this.buildTree(depth - 1, sign, f.proposeFinal, f.psFinalBeg, psEnd, f.pFinalBeg, pEnd, f.rhoFinal)) {
      return false;
    }
    const weightFinal = this.subtreeLogSumWeight;
    const weight = logSumExp(weightInit, weightFinal);
    if (weightFinal > weight) propose.copyFrom(f.proposeFinal);
    else if (this.rng.uniform() < Math.exp(weightFinal - weight)) propose.copyFrom(f.proposeFinal);
    this.subtreeLogSumWeight = weight;
    return this.mergeCriterion(psBeg, psEnd, f.psInitEnd, f.psFinalBeg, f.pInitEnd, f.pFinalBeg, f.rhoInit, f.rhoFinal, rho);
  }

  /** Test seam: integrate subtrees from `start` against reference energy h0 with step `epsilon`. */
  prepareSubtree(start: PhasePoint, h0: number, epsilon: number): void {
    this.z = start;
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
  protected mergeCriterion(
    psBeg: Float64Array, psEnd: Float64Array, psInitEnd: Float64Array, psFinalBeg: Float64Array,
    pInitEnd: Float64Array, pFinalBeg: Float64Array, rhoInit: Float64Array, rhoFinal: Float64Array, rho: Float64Array,
  ): boolean {
    return mergeNoUTurn(psBeg, psEnd, psInitEnd, psFinalBeg, pInitEnd, pFinalBeg, rhoInit, rhoFinal, rho);
  }

  /** Half kick, drift and gradient of the leapfrog; the closing half kick is left to the caller. */
  private kickDrift(z: PhasePoint, epsilon: number): void {
    kickDrift(z.q, z.p, z.grad, this.inverseMetric, epsilon);
    z.logDensity = evaluateLogDensity(this.target, z.q, z.grad);
  }

  /** Depth-0 build_tree: one leapfrog step fused with the bookkeeping of the new state. */
  private leaf(
    sign: 1 | -1, propose: Candidate, psBeg: Float64Array, psEnd: Float64Array,
    pBeg: Float64Array, pEnd: Float64Array, rho: Float64Array,
  ): boolean {
    const z = this.z;
    const epsilon = sign * this.epsilon;
    this.kickDrift(z, epsilon);
    const twoKinetic = closeLoneState(z.p, z.grad, this.inverseMetric, 0.5 * epsilon, psBeg, psEnd, pBeg, pEnd, rho);
    const h = this.recordLeaf(twoKinetic, z.logDensity);
    if (this.divergent) return false;
    this.subtreeLogSumWeight = this.h0 - h;
    propose.copyFromPoint(z, h);
    return true;
  }

  /**
   * A depth-1 subtree: two leaves and their merge in three passes instead of five. For two
   * single states the three checks of the merge coincide (rho = p1 + p2 in each, as float
   * addition commutes), leaving crit(ps1, ps2, p1 + p2). The pass that closes the first step
   * also opens the second (same gradient), copying q1 to the proposal on the way; if the first
   * state diverges the transition ends, so the early move of z is never used. Arithmetic and
   * random draws are those of the recursive form, bit for bit.
   */
  private leafPair(
    sign: 1 | -1, propose: Candidate, psBeg: Float64Array, psEnd: Float64Array,
    pBeg: Float64Array, pEnd: Float64Array, rho: Float64Array,
  ): boolean {
    const z = this.z;
    const { q, p, grad } = z;
    const minv = this.inverseMetric;
    const epsilon = sign * this.epsilon;
    this.kickDrift(z, epsilon);
    const logDensity1 = z.logDensity;
    const twoKinetic1 = closeFirstOpenSecond(q, p, grad, minv, epsilon, psBeg, pBeg, propose.q);
    const h1 = this.recordLeaf(twoKinetic1, logDensity1);
    if (this.divergent) return false;
    propose.grad.set(grad);
    propose.logDensity = logDensity1;
    propose.energy = h1;
    z.logDensity = evaluateLogDensity(this.target, q, grad);
    const sums = this.pairSums;
    closeSecondOfPair(p, grad, minv, 0.5 * epsilon, psBeg, pBeg, psEnd, pEnd, rho, sums);
    const h2 = this.recordLeaf(sums[0], z.logDensity);
    if (this.divergent) return false;
    const weightInit = this.h0 - h1;
    const weightFinal = this.h0 - h2;
    const weight = logSumExp(weightInit, weightFinal);
    if (weightFinal > weight) propose.copyFromPoint(z, h2);
    else if (this.rng.uniform() < Math.exp(weightFinal - weight)) propose.copyFromPoint(z, h2);
    this.subtreeLogSumWeight = weight;
    return sums[1] > 0 && sums[2] > 0;
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
    const z = this.fwd;
    const cur = this.current;
    z.q.set(cur.q);
    z.grad.set(cur.grad);
    z.logDensity = cur.logDensity;
    const h0 = 0.5 * sampleMomentum(this.normal, this.inverseMetric, z.p, this.psFF) - cur.logDensity;
    this.kickDrift(z, this.stepSize);
    let h = 0.5 * closeKick(z.p, z.grad, this.inverseMetric, 0.5 * this.stepSize) - z.logDensity;
    if (Number.isNaN(h)) h = Number.POSITIVE_INFINITY;
    return h0 - h;
  }
}
