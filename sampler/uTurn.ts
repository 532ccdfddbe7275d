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
 * function serves the merges inside build_tree and the merge at the top.
 * All six dot products are taken in one pass, so the cost is one sweep over the vectors.
 */
export function mergeNoUTurn(
  psBeg: Float64Array,
  psEnd: Float64Array,
  psInitEnd: Float64Array,
  psFinalBeg: Float64Array,
  pInitEnd: Float64Array,
  pFinalBeg: Float64Array,
  rhoInit: Float64Array,
  rhoFinal: Float64Array,
  rho: Float64Array,
): boolean {
  let endWhole = 0;
  let begWhole = 0;
  let finalBegLeft = 0;
  let begLeft = 0;
  let endRight = 0;
  let initEndRight = 0;
  const n = rho.length;
  for (let i = 0; i < n; i++) {
    const ri = rhoInit[i];
    const rf = rhoFinal[i];
    const r = ri + rf;
    rho[i] = r;
    const left = ri + pFinalBeg[i];
    const right = rf + pInitEnd[i];
    endWhole += psEnd[i] * r;
    begWhole += psBeg[i] * r;
    finalBegLeft += psFinalBeg[i] * left;
    begLeft += psBeg[i] * left;
    endRight += psEnd[i] * right;
    initEndRight += psInitEnd[i] * right;
  }
  return endWhole > 0 && begWhole > 0 && finalBegLeft > 0 && begLeft > 0 && endRight > 0 && initEndRight > 0;
}
