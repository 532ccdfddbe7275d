/**
 * Bayesian linear regression (posteriordb `blr`, data sblrc / sblri): y ~ N(X beta, sigma),
 * beta_d ~ N(0, 10), sigma ~ half-normal(0, 10). Unconstrained layout: beta [0..D-1],
 * log sigma [D].
 */
import { LOG_SQRT_2PI, finiteOrRejected, halfNormalLogPdf, indexedNames, matrixField, normalLogPdf, numberField, vectorField, type ConstrainableTarget } from '../kit/index.js';

/** Factory for the blr posterior from posteriordb's data {N, D, X (rows), y}. */
export function blr(data: unknown): ConstrainableTarget {
  const N = numberField('blr', data, 'N');
  const D = numberField('blr', data, 'D');
  const X = matrixField('blr', data, 'X', N, D);
  const y = vectorField('blr', data, 'y', N);
  return {
    dim: D + 1,
    parameterNames: [...indexedNames('beta', D), 'sigma'],
    logDensityGradient(q, grad) {
      const sigma = Math.exp(q[D]);
      grad.fill(0);
      let sumSq = 0;
      for (let n = 0; n < N; n++) {
        const row = n * D;
        let e = y[n];
        for (let d = 0; d < D; d++) e -= X[row + d] * q[d];
        sumSq += e * e;
        for (let d = 0; d < D; d++) grad[d] += e * X[row + d];
      }
      const invVar = 1 / (sigma * sigma);
      let lp = -0.5 * sumSq * invVar - N * (q[D] + LOG_SQRT_2PI) + halfNormalLogPdf(sigma, 10) + q[D];
      for (let d = 0; d < D; d++) {
        grad[d] = grad[d] * invVar - q[d] / 100;
        lp += normalLogPdf(q[d], 0, 10);
      }
      grad[D] = sumSq * invVar - N - (sigma * sigma) / 100 + 1;
      return finiteOrRejected(lp, grad);
    },
    constrain(q) {
      const out = Float64Array.from(q);
      out[D] = Math.exp(q[D]);
      return out;
    },
  };
}
