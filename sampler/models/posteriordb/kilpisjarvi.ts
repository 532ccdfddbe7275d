/**
 * Kilpisjarvi summer temperatures (posteriordb `kilpisjarvi`): y_n ~ N(alpha + beta x_n,
 * sigma) with x_n in calendar years (alpha and beta strongly correlated), alpha ~
 * N(pmualpha, psalpha), beta ~ N(pmubeta, psbeta), flat on sigma > 0.
 * Unconstrained layout: alpha, beta, log sigma.
 */
import { LOG_SQRT_2PI, finiteOrRejected, normalLogPdf, numberField, vectorField, type ConstrainableTarget } from '../kit/index.js';

/** Factory for the kilpisjarvi posterior from posteriordb's `kilpisjarvi_mod` data. */
export function kilpisjarvi(data: unknown): ConstrainableTarget {
  const N = numberField('kilpisjarvi', data, 'N');
  const x = vectorField('kilpisjarvi', data, 'x', N);
  const y = vectorField('kilpisjarvi', data, 'y', N);
  const [muA, sA, muB, sB] = ['pmualpha', 'psalpha', 'pmubeta', 'psbeta'].map((k) => numberField('kilpisjarvi', data, k));
  return {
    dim: 3,
    parameterNames: ['alpha', 'beta', 'sigma'],
    logDensityGradient(q, grad) {
      const [alpha, beta] = [q[0], q[1]];
      const sigma = Math.exp(q[2]);
      let sumE = 0;
      let sumEx = 0;
      let sumSq = 0;
      for (let n = 0; n < N; n++) {
        const e = y[n] - alpha - beta * x[n];
        sumE += e;
        sumEx += e * x[n];
        sumSq += e * e;
      }
      const invVar = 1 / (sigma * sigma);
      grad[0] = sumE * invVar - (alpha - muA) / (sA * sA);
      grad[1] = sumEx * invVar - (beta - muB) / (sB * sB);
      grad[2] = sumSq * invVar - N + 1;
      const lp = -0.5 * sumSq * invVar - N * (q[2] + LOG_SQRT_2PI) + normalLogPdf(alpha, muA, sA) + normalLogPdf(beta, muB, sB) + q[2];
      return finiteOrRejected(lp, grad);
    },
    constrain(q) {
      return Float64Array.of(q[0], q[1], Math.exp(q[2]));
    },
  };
}
