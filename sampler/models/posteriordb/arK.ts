/**
 * AR(K) regression (posteriordb `arK`): y_t ~ N(alpha + sum_k beta_k y_{t-k}, sigma) for
 * t = K+1..T, alpha, beta_k ~ N(0, 10), sigma ~ half-Cauchy(0, 2.5).
 * Unconstrained layout: alpha [0], beta [1..K], log sigma [K+1].
 */
import { LOG_SQRT_2PI, cauchyLogPdfDx, finiteOrRejected, halfCauchyLogPdf, indexedNames, normalLogPdf, numberField, vectorField, type ConstrainableTarget } from '../kit/index.js';

/** Factory for the arK posterior from posteriordb's data {K, T, y}. */
export function arK(data: unknown): ConstrainableTarget {
  const K = numberField('arK', data, 'K');
  const T = numberField('arK', data, 'T');
  const y = vectorField('arK', data, 'y', T);
  const n = T - K;
  return {
    dim: K + 2,
    parameterNames: ['alpha', ...indexedNames('beta', K), 'sigma'],
    logDensityGradient(q, grad) {
      const alpha = q[0];
      const sigma = Math.exp(q[K + 1]);
      const invVar = 1 / (sigma * sigma);
      grad.fill(0);
      let sumSq = 0;
      for (let t = K; t < T; t++) {
        let mean = alpha;
        for (let k = 1; k <= K; k++) mean += q[k] * y[t - k];
        const e = y[t] - mean;
        sumSq += e * e;
        grad[0] += e;
        for (let k = 1; k <= K; k++) grad[k] += e * y[t - k];
      }
      let lp = -0.5 * sumSq * invVar - n * (Math.log(sigma) + LOG_SQRT_2PI);
      for (let k = 0; k <= K; k++) {
        grad[k] = grad[k] * invVar - q[k] / 100;
        lp += normalLogPdf(q[k], 0, 10);
      }
      lp += halfCauchyLogPdf(sigma, 2.5) + q[K + 1];
      grad[K + 1] = sumSq * invVar - n + sigma * cauchyLogPdfDx(sigma, 0, 2.5) + 1;
      return finiteOrRejected(lp, grad);
    },
    constrain(q) {
      const out = Float64Array.from(q);
      out[K + 1] = Math.exp(q[K + 1]);
      return out;
    },
  };
}
