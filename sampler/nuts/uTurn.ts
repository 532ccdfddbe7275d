import type { Workspace } from './phaseSpace.js';

/**
 * Merge step of Stan's generalized no-U-turn criterion (base_nuts, stan-dev/stan PR #2800):
 * writes rho = rhoInit + rhoFinal and returns true when the trajectory may continue, i.e. when
 * all three checks hold:
 *   crit(psBeg, psEnd, rho)                          over the merged trajectory,
 *   crit(psBeg, psFinalBeg, rhoInit + pFinalBeg)     left part plus the first state of the right,
 *   crit(psInitEnd, psEnd, rhoFinal + pInitEnd)      right part plus the last state of the left,
 * with crit(minus, plus, r) = plus.r > 0 and minus.r > 0 (symmetric, so the direction of
 * integration does not matter) and p_sharp ps = M^-1 p of the momentum at each end (`minv`
 * holds the diagonal of M^-1). "Init" is the part built first, "final" the part built second;
 * at the top of a transition init is the backward and final the forward part, so the same
 * function serves the merges inside build_tree and the merge at the top. Vectors are workspace
 * offsets; all six dot products are taken in one pass (leapfrogPasses.wat).
 */
export function mergeNoUTurn(space: Workspace, minv: number, pBeg: number, pEnd: number, pInitEnd: number, pFinalBeg: number, rhoInit: number, rhoFinal: number, rho: number): boolean {
  return space.passes.mergeNoUTurn(space.stride, minv, pBeg, pEnd, pInitEnd, pFinalBeg, rhoInit, rhoFinal, rho) === 1;
}
