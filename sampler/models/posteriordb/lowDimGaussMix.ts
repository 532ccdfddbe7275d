/**
 * Two-component normal mixture (posteriordb `low_dim_gauss_mix`): y_n ~ theta N(mu_1,
 * sigma_1) + (1 - theta) N(mu_2, sigma_2), mu ordered, mu_k ~ N(0, 2), sigma_k ~
 * half-normal(0, 2), theta ~ Beta(5, 5). Unconstrained layout: mu_1, log(mu_2 - mu_1),
 * log sigma_1, log sigma_2, logit theta.
 */
import {
  LOG_SQRT_2PI,
  betaLogPdf,
  finiteOrRejected,
  halfNormalLogPdf,
  indexedNames,
  inverseLogit,
  inverseLogitLogJacobian,
  normalLogPdf,
  vectorField,
  type ConstrainableTarget,
} from '../kit/index.js';

function constrained(q: Float64Array): Float64Array {
  return Float64Array.of(q[0], q[0] + Math.exp(q[1]), Math.exp(q[2]), Math.exp(q[3]), inverseLogit(q[4]));
}

/** Factory for the low_dim_gauss_mix posterior from posteriordb's data {N, y}. */
export function lowDimGaussMix(data: unknown): ConstrainableTarget {
  const y = vectorField('low_dim_gauss_mix', data, 'y');
  const N = y.length;
  return {
    dim: 5,
    parameterNames: [...indexedNames('mu', 2), ...indexedNames('sigma', 2), 'theta'],
    logDensityGradient(q, grad) {
      const [mu1, mu2, s1, s2, theta] = constrained(q);
      const logW1 = Math.log(theta) - Math.log(s1) - LOG_SQRT_2PI;
      const logW2 = Math.log1p(-theta) - Math.log(s2) - LOG_SQRT_2PI;
      let lp = 0;
      let gMu1 = 0;
      let gMu2 = 0;
      let gS1 = 0;
      let gS2 = 0;
      let gTheta = 0;
      for (let n = 0; n < N; n++) {
        const z1 = (y[n] - mu1) / s1;
        const z2 = (y[n] - mu2) / s2;
        const a = logW1 - 0.5 * z1 * z1;
        const b = logW2 - 0.5 * z2 * z2;
        // log-sum-exp with one exp: e = exp(-|a - b|) is the smaller term over the larger
        const e = Math.exp(-Math.abs(a - b));
        lp += (a > b ? a : b) + Math.log1p(e);
        // responsibilities of each component for y_n
        const rLarger = 1 / (1 + e);
        const rSmaller = e * rLarger;
        const r1 = a > b ? rLarger : rSmaller;
        const r2 = a > b ? rSmaller : rLarger;
        gMu1 += (r1 * z1) / s1;
        gMu2 += (r2 * z2) / s2;
        gS1 += (r1 * (z1 * z1 - 1)) / s1;
        gS2 += (r2 * (z2 * z2 - 1)) / s2;
        gTheta += r1 / theta - r2 / (1 - theta);
      }
      lp += normalLogPdf(mu1, 0, 2) + normalLogPdf(mu2, 0, 2) + halfNormalLogPdf(s1, 2) + halfNormalLogPdf(s2, 2) + betaLogPdf(theta, 5, 5) + q[1] + q[2] + q[3] + inverseLogitLogJacobian(q[4]);
      gMu1 -= mu1 / 4;
      gMu2 -= mu2 / 4;
      gS1 -= s1 / 4;
      gS2 -= s2 / 4;
      gTheta += 4 / theta - 4 / (1 - theta);
      grad[0] = gMu1 + gMu2;
      grad[1] = gMu2 * (mu2 - mu1) + 1;
      grad[2] = gS1 * s1 + 1;
      grad[3] = gS2 * s2 + 1;
      grad[4] = gTheta * theta * (1 - theta) + 1 - 2 * theta;
      return finiteOrRejected(lp, grad);
    },
    constrain: constrained,
  };
}
