/**
 * Merge step of Stan's generalized no-U-turn criterion (base_nuts, stan-dev/stan PR #2800):
 * writes rho = rhoInit + rhoFinal and returns true when the trajectory may continue, i.e. when
 * all three checks hold:
 *   crit(psBeg, psEnd, rho)                          over the merged trajectory,
 *   crit(psBeg, psFinalBeg, rhoInit + pFinalBeg)     left part plus the first state of the right,
 *   crit(psInitEnd, psEnd, rhoFinal + pInitEnd)      right part plus the last state of the left,
 * with crit(minus, plus, r) = plus.r > 0 and minus.r > 0 (symmetric, so the direction of
 * integration does not matter). "Init" is the part built first, "final" the part built second;
 * at the top of a transition init is the backward and final the forward part, so the same
 * function serves the merges inside build_tree and the merge at the top. Vectors are n-long
 * at the given offsets of `h`; all six dot products are taken in one pass.
 */
export function mergeNoUTurn(
  h: Float64Array, n: number,
  psBeg: number, psEnd: number, psInitEnd: number, psFinalBeg: number,
  pInitEnd: number, pFinalBeg: number, rhoInit: number, rhoFinal: number, rho: number,
): boolean {
  let endWhole = 0;
  let begWhole = 0;
  let finalBegLeft = 0;
  let begLeft = 0;
  let endRight = 0;
  let initEndRight = 0;
  for (let i = 0; i < n; i++) {
    const ri = h[rhoInit + i];
    const rf = h[rhoFinal + i];
    const r = ri + rf;
    h[rho + i] = r;
    const left = ri + h[pFinalBeg + i];
    const right = rf + h[pInitEnd + i];
    const sEnd = h[psEnd + i];
    const sBeg = h[psBeg + i];
    endWhole += sEnd * r;
    begWhole += sBeg * r;
    finalBegLeft += h[psFinalBeg + i] * left;
    begLeft += sBeg * left;
    endRight += sEnd * right;
    initEndRight += h[psInitEnd + i] * right;
  }
  return endWhole > 0 && begWhole > 0 && finalBegLeft > 0 && begLeft > 0 && endRight > 0 && initEndRight > 0;
}
