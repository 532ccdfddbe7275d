/**
 * GARCH(1, 1) (posteriordb `garch11`), flat priors on the constrained scale:
 * s_1 = sigma1 (data), s_t^2 = alpha0 + alpha1 (y_{t-1} - mu)^2 + beta1 s_{t-1}^2,
 * y_t ~ N(mu, s_t). Constraints alpha0 > 0, alpha1 in (0, 1), beta1 in (0, 1 - alpha1).
 * Unconstrained layout: mu, log alpha0, logit alpha1, logit(beta1 / (1 - alpha1)); the
 * last is Stan's dependent lower/upper-bound transform, whose Jacobian is triangular.
 */
import { LOG_SQRT_2PI, finiteOrRejected, inverseLogit, inverseLogitLogJacobian, numberField, vectorField, type ConstrainableTarget } from '../kit/index.js';

function constrained(q: Float64Array): [number, number, number, number, number] {
  const alpha1 = inverseLogit(q[2]);
  const share = inverseLogit(q[3]);
  return [q[0], Math.exp(q[1]), alpha1, (1 - alpha1) * share, share];
}

/** Factory for the garch11 posterior from posteriordb's data {T, y, sigma1}. */
export function garch11(data: unknown): ConstrainableTarget {
  const T = numberField('garch11', data, 'T');
  const y = vectorField('garch11', data, 'y', T);
  const sigma1 = numberField('garch11', data, 'sigma1');
  return {
    dim: 4,
    parameterNames: ['mu', 'alpha0', 'alpha1', 'beta1'],
    logDensityGradient(q, grad) {
      const [mu, alpha0, alpha1, beta1, share] = constrained(q);
      // v = s_t^2 and its forward sensitivities to mu, alpha0, alpha1, beta1
      let v = sigma1 * sigma1;
      let vMu = 0;
      let vA0 = 0;
      let vA1 = 0;
      let vB1 = 0;
      let e = y[0] - mu;
      let lp = (-0.5 * (e * e)) / v - 0.5 * Math.log(v);
      let gMu = e / v;
      let gA0 = 0;
      let gA1 = 0;
      let gB1 = 0;
      for (let t = 1; t < T; t++) {
        const ePrev = e;
        vMu = -2 * alpha1 * ePrev + beta1 * vMu;
        vA0 = 1 + beta1 * vA0;
        vA1 = ePrev * ePrev + beta1 * vA1;
        vB1 = v + beta1 * vB1;
        v = alpha0 + alpha1 * ePrev * ePrev + beta1 * v;
        e = y[t] - mu;
        const invV = 1 / v;
        lp += -0.5 * e * e * invV - 0.5 * Math.log(v);
        const dv = 0.5 * e * e * invV * invV - 0.5 * invV;
        gMu += e * invV + dv * vMu;
        gA0 += dv * vA0;
        gA1 += dv * vA1;
        gB1 += dv * vB1;
      }
      lp -= T * LOG_SQRT_2PI;
      const dAlpha1 = alpha1 * (1 - alpha1);
      grad[0] = gMu;
      grad[1] = alpha0 * gA0 + 1;
      // beta1 = (1 - alpha1) share depends on q[2] through alpha1; log-Jacobian terms
      // log alpha1 + 2 log(1 - alpha1) have derivative 1 - 3 alpha1 in q[2]
      grad[2] = (gA1 - share * gB1) * dAlpha1 + 1 - 3 * alpha1;
      grad[3] = gB1 * (1 - alpha1) * share * (1 - share) + 1 - 2 * share;
      lp += q[1] + inverseLogitLogJacobian(q[2]) + Math.log1p(-alpha1) + inverseLogitLogJacobian(q[3]);
      return finiteOrRejected(lp, grad);
    },
    constrain(q) {
      return Float64Array.from(constrained(q).slice(0, 4));
    },
  };
}
