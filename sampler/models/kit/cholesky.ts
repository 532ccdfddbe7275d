/**
 * Dense Cholesky factorisation K = L L^T of a small row-major n x n matrix and its
 * reverse-mode derivative (the adjoint of each statement of the column-by-column
 * algorithm, taken in reverse order). Sizes here are tens, so O(n^3) loops are fine.
 */

/**
 * Writes the lower factor of the symmetric matrix K (only its lower triangle is read) into
 * L (upper triangle zeroed). Returns false when K is not numerically positive definite.
 */
export function choleskyLower(K: Float64Array, L: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let s = K[j * n + j];
    for (let k = 0; k < j; k++) s -= L[j * n + k] * L[j * n + k];
    if (!(s > 0)) return false;
    const ljj = Math.sqrt(s);
    L[j * n + j] = ljj;
    for (let i = 0; i < j; i++) L[i * n + j] = 0;
    for (let i = j + 1; i < n; i++) {
      let t = K[i * n + j];
      for (let k = 0; k < j; k++) t -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = t / ljj;
    }
  }
  return true;
}

/**
 * Given L = chol(K) and the adjoint Lbar = d(objective)/dL (lower triangle; overwritten),
 * writes into Kbar the adjoint with respect to K's lower triangle: the derivative of the
 * objective along K_ij = K_ji (i >= j) is Kbar[i][j].
 */
export function choleskyLowerAdjoint(L: Float64Array, Lbar: Float64Array, Kbar: Float64Array, n: number): void {
  Kbar.fill(0);
  for (let j = n - 1; j >= 0; j--) {
    const ljj = L[j * n + j];
    for (let i = n - 1; i > j; i--) {
      // forward: L[i][j] = (K[i][j] - sum_k<j L[i][k] L[j][k]) / L[j][j]
      const tBar = Lbar[i * n + j] / ljj;
      Lbar[j * n + j] -= tBar * L[i * n + j];
      Kbar[i * n + j] += tBar;
      for (let k = 0; k < j; k++) {
        Lbar[i * n + k] -= tBar * L[j * n + k];
        Lbar[j * n + k] -= tBar * L[i * n + k];
      }
    }
    // forward: L[j][j] = sqrt(K[j][j] - sum_k<j L[j][k]^2)
    const sBar = Lbar[j * n + j] / (2 * ljj);
    Kbar[j * n + j] += sBar;
    for (let k = 0; k < j; k++) Lbar[j * n + k] -= 2 * sBar * L[j * n + k];
  }
}

/** Solves L L^T x = b in place of b, for a lower factor L from `choleskyLower`. */
export function choleskySolve(L: Float64Array, b: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * b[k];
    b[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * b[k];
    b[i] = s / L[i * n + i];
  }
}
