/**
 * ARMA(1, 1) (posteriordb `arma11`): nu_1 = mu + phi mu, nu_t = mu + phi y_{t-1} +
 * theta err_{t-1}, err_t = y_t - nu_t ~ N(0, sigma). Priors mu ~ N(0, 10), phi, theta ~
 * N(0, 2), sigma ~ half-Cauchy(0, 2.5). Unconstrained layout: mu, phi, theta, log sigma.
 * The gradient carries forward sensitivities of err_t to (mu, phi, theta).
 */
import { LOG_SQRT_2PI, cauchyLogPdfDx, finiteOrRejected, halfCauchyLogPdf, normalLogPdf, numberField, vectorField, type ConstrainableTarget } from '../kit/index.js';

/** Factory for the arma11 posterior from posteriordb's data {T, y}. */
export function arma11(data: unknown): ConstrainableTarget {
  const T = numberField('arma11', data, 'T');
  const y = vectorField('arma11', data, 'y', T);
  return {
    dim: 4,
    parameterNames: ['mu', 'phi', 'theta', 'sigma'],
    logDensityGradient(q, grad) {
      const [mu, phi, theta] = [q[0], q[1], q[2]];
      const sigma = Math.exp(q[3]);
      let err = y[0] - (mu + phi * mu);
      let dMu = -(1 + phi);
      let dPhi = -mu;
      let dTheta = 0;
      let sumSq = err * err;
      let gMu = err * dMu;
      let gPhi = err * dPhi;
      let gTheta = 0;
      for (let t = 1; t < T; t++) {
        dMu = -1 - theta * dMu;
        dPhi = -y[t - 1] - theta * dPhi;
        dTheta = -err - theta * dTheta;
        err = y[t] - (mu + phi * y[t - 1] + theta * err);
        sumSq += err * err;
        gMu += err * dMu;
        gPhi += err * dPhi;
        gTheta += err * dTheta;
      }
      const invVar = 1 / (sigma * sigma);
      // d/dx of -sum err^2 / (2 sigma^2) is -sum err * (d err / dx) / sigma^2
      grad[0] = -gMu * invVar - mu / 100;
      grad[1] = -gPhi * invVar - phi / 4;
      grad[2] = -gTheta * invVar - theta / 4;
      grad[3] = sumSq * invVar - T + sigma * cauchyLogPdfDx(sigma, 0, 2.5) + 1;
      const lp = -0.5 * sumSq * invVar - T * (q[3] + LOG_SQRT_2PI) + normalLogPdf(mu, 0, 10) + normalLogPdf(phi, 0, 2) + normalLogPdf(theta, 0, 2) + halfCauchyLogPdf(sigma, 2.5) + q[3];
      return finiteOrRejected(lp, grad);
    },
    constrain(q) {
      return Float64Array.of(q[0], q[1], q[2], Math.exp(q[3]));
    },
  };
}
