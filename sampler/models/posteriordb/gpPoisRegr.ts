/**
 * Latent Gaussian-process Poisson regression (posteriordb `gp_pois_regr`):
 * K_ij = alpha^2 exp(-(x_i - x_j)^2 / (2 rho^2)) + 1e-10 [i = j], f = chol(K) f_tilde,
 * k_n ~ Poisson(exp(f_n)), rho ~ Gamma(25, 4) (shape, rate), alpha ~ half-normal(0, 2),
 * f_tilde ~ N(0, 1). Unconstrained layout: log rho, log alpha, f_tilde [2..N+1].
 * The gradient in rho and alpha goes through the adjoint of the Cholesky factorisation.
 */
import { choleskyLower, choleskyLowerAdjoint, finiteOrRejected, gammaLogPdf, halfNormalLogPdf, indexedNames, logGamma, normalLogPdf, vectorField, type ConstrainableTarget } from '../kit/index.js';

/** Stan's jitter added to the covariance diagonal. */
const JITTER = 1e-10;

/** Factory for the gp_pois_regr posterior from posteriordb's data {N, x, k}. */
export function gpPoisRegr(data: unknown): ConstrainableTarget {
  const x = vectorField('gp_pois_regr', data, 'x');
  const N = x.length;
  const k = vectorField('gp_pois_regr', data, 'k', N);
  const logFactorialK = k.reduce((sum, kn) => sum + logGamma(kn + 1), 0);
  const sqDist = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) sqDist[i * N + j] = (x[i] - x[j]) ** 2;
  const K = new Float64Array(N * N);
  const L = new Float64Array(N * N);
  const Lbar = new Float64Array(N * N);
  const Kbar = new Float64Array(N * N);
  const f = new Float64Array(N);
  const gF = new Float64Array(N);

  /** Fills L = chol(K(rho, alpha)); false when K is not positive definite. */
  function factor(rho: number, alpha: number): boolean {
    const a2 = alpha * alpha;
    const c = -0.5 / (rho * rho);
    for (let i = 0; i < N; i++) {
      for (let j = 0; j <= i; j++) K[i * N + j] = a2 * Math.exp(c * sqDist[i * N + j]);
      K[i * N + i] += JITTER;
    }
    return choleskyLower(K, L, N);
  }

  function latent(q: Float64Array): void {
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = 0; j <= i; j++) s += L[i * N + j] * q[2 + j];
      f[i] = s;
    }
  }

  return {
    dim: N + 2,
    parameterNames: ['rho', 'alpha', ...indexedNames('f', N)],
    logDensityGradient(q, grad) {
      const rho = Math.exp(q[0]);
      const alpha = Math.exp(q[1]);
      if (!factor(rho, alpha)) return Number.NEGATIVE_INFINITY;
      latent(q);
      let lp = gammaLogPdf(rho, 25, 4) + halfNormalLogPdf(alpha, 2) + q[0] + q[1] - logFactorialK;
      for (let i = 0; i < N; i++) {
        const rate = Math.exp(f[i]);
        lp += k[i] * f[i] - rate + normalLogPdf(q[2 + i], 0, 1);
        gF[i] = k[i] - rate;
      }
      // f = L f_tilde: d/df_tilde = L^T gF, d/dL_ij = gF_i f_tilde_j (i >= j)
      for (let j = 0; j < N; j++) {
        let s = -q[2 + j];
        for (let i = j; i < N; i++) {
          s += L[i * N + j] * gF[i];
          Lbar[i * N + j] = gF[i] * q[2 + j];
        }
        grad[2 + j] = s;
      }
      choleskyLowerAdjoint(L, Lbar, Kbar, N);
      // dK_ij/d log rho = K0_ij d_ij^2 / rho^2, dK_ij/d log alpha = 2 K0_ij (K0 without jitter)
      let gLogRho = 0;
      let gLogAlpha = 0;
      for (let i = 0; i < N; i++) {
        for (let j = 0; j <= i; j++) {
          const k0 = i === j ? K[i * N + j] - JITTER : K[i * N + j];
          gLogRho += Kbar[i * N + j] * k0 * (sqDist[i * N + j] / (rho * rho));
          gLogAlpha += Kbar[i * N + j] * 2 * k0;
        }
      }
      grad[0] = gLogRho + rho * (24 / rho - 4) + 1;
      grad[1] = gLogAlpha - (alpha * alpha) / 4 + 1;
      return finiteOrRejected(lp, grad);
    },
    constrain(q) {
      const out = new Float64Array(N + 2);
      out[0] = Math.exp(q[0]);
      out[1] = Math.exp(q[1]);
      if (!factor(out[0], out[1])) out.fill(Number.NaN, 2);
      else {
        latent(q);
        out.set(f, 2);
      }
      return out;
    },
  };
}
