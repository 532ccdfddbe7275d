/**
 * brms linear regression on the diamonds data (posteriordb `diamonds`): columns 2..K of X
 * centred to Xc, Y ~ N(Intercept + Xc b, sigma), b ~ N(0, 1), Intercept ~ Student-t(3, 8,
 * 10), sigma ~ half-Student-t(3, 0, 10). Unconstrained layout: b [0..K-2], Intercept
 * [K-1], log sigma [K].
 *
 * The likelihood uses exact sufficient statistics: with Yc = Y - mean(Y) and G = Xc'Xc,
 * sum (Y - Intercept - Xc b)^2 = SSR_min + (b - bHat)' G (b - bHat) + N (mean(Y) - Intercept)^2,
 * where bHat solves G bHat = Xc'Yc. A gradient then costs O(K^2) rather than O(N K) and
 * the sum never loses precision by cancellation.
 */
import {
  LOG_SQRT_2PI,
  choleskyLower,
  choleskySolve,
  finiteOrRejected,
  indexedNames,
  matrixField,
  ModelDataError,
  normalLogPdf,
  numberField,
  studentTLogPdf,
  studentTLogPdfDx,
  vectorField,
  type ConstrainableTarget,
} from '../kit/index.js';

interface Sufficient {
  P: number;
  G: Float64Array;
  bHat: Float64Array;
  ssrMin: number;
  meanY: number;
}

function sufficientStatistics(N: number, K: number, X: Float64Array, Y: Float64Array): Sufficient {
  const P = K - 1;
  const Xc = new Float64Array(N * P);
  for (let p = 0; p < P; p++) {
    let mean = 0;
    for (let n = 0; n < N; n++) mean += X[n * K + p + 1];
    mean /= N;
    for (let n = 0; n < N; n++) Xc[n * P + p] = X[n * K + p + 1] - mean;
  }
  const meanY = Y.reduce((a, b) => a + b, 0) / N;
  const G = new Float64Array(P * P);
  const bHat = new Float64Array(P);
  for (let n = 0; n < N; n++) {
    const yc = Y[n] - meanY;
    for (let i = 0; i < P; i++) {
      const xi = Xc[n * P + i];
      bHat[i] += xi * yc;
      for (let j = 0; j <= i; j++) G[i * P + j] += xi * Xc[n * P + j];
    }
  }
  for (let i = 0; i < P; i++) for (let j = 0; j < i; j++) G[j * P + i] = G[i * P + j];
  const L = new Float64Array(P * P);
  if (!choleskyLower(G, L, P)) throw new ModelDataError('diamonds', 'centred design matrix is rank deficient');
  choleskySolve(L, bHat, P);
  let ssrMin = 0;
  for (let n = 0; n < N; n++) {
    let e = Y[n] - meanY;
    for (let p = 0; p < P; p++) e -= Xc[n * P + p] * bHat[p];
    ssrMin += e * e;
  }
  return { P, G, bHat, ssrMin, meanY };
}

/** Factory for the diamonds posterior from posteriordb's data {N, K, X (rows), Y}. */
export function diamonds(data: unknown): ConstrainableTarget {
  const N = numberField('diamonds', data, 'N');
  const K = numberField('diamonds', data, 'K');
  const stats = sufficientStatistics(N, K, matrixField('diamonds', data, 'X', N, K), vectorField('diamonds', data, 'Y', N));
  const { P, G, bHat, ssrMin, meanY } = stats;
  const delta = new Float64Array(P);
  const gDelta = new Float64Array(P);
  return {
    dim: P + 2,
    parameterNames: [...indexedNames('b', P), 'Intercept', 'sigma'],
    logDensityGradient(q, grad) {
      const intercept = q[P];
      const sigma = Math.exp(q[P + 1]);
      for (let i = 0; i < P; i++) delta[i] = q[i] - bHat[i];
      let quad = 0;
      for (let i = 0; i < P; i++) {
        let s = 0;
        for (let j = 0; j < P; j++) s += G[i * P + j] * delta[j];
        gDelta[i] = s;
        quad += delta[i] * s;
      }
      const eMean = meanY - intercept;
      const ssr = ssrMin + quad + N * eMean * eMean;
      const invVar = 1 / (sigma * sigma);
      let lp = -0.5 * ssr * invVar - N * (q[P + 1] + LOG_SQRT_2PI);
      for (let i = 0; i < P; i++) {
        lp += normalLogPdf(q[i], 0, 1);
        grad[i] = -gDelta[i] * invVar - q[i];
      }
      // half-Student-t: the density truncated at 0 is twice the Student-t density
      lp += studentTLogPdf(intercept, 3, 8, 10) + studentTLogPdf(sigma, 3, 0, 10) + Math.LN2 + q[P + 1];
      grad[P] = N * eMean * invVar + studentTLogPdfDx(intercept, 3, 8, 10);
      grad[P + 1] = ssr * invVar - N + sigma * studentTLogPdfDx(sigma, 3, 0, 10) + 1;
      return finiteOrRejected(lp, grad);
    },
    constrain(q) {
      const out = Float64Array.from(q);
      out[P + 1] = Math.exp(q[P + 1]);
      return out;
    },
  };
}
