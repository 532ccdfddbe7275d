/**
 * Eight schools (posteriordb `eight_schools`), both parameterisations. Unconstrained layout
 * (Stan's declaration order): theta or theta_trans [0..J-1], mu [J], log tau [J+1].
 * Priors: mu ~ N(0, 5), tau ~ half-Cauchy(0, 5).
 */
import { cauchyLogPdfDx, finiteOrRejected, halfCauchyLogPdf, indexedNames, normalLogPdf, vectorField, type ConstrainableTarget } from '../kit/index.js';

interface EightSchoolsData {
  J: number;
  y: Float64Array;
  sigma: Float64Array;
}

function readData(model: string, data: unknown): EightSchoolsData {
  const y = vectorField(model, data, 'y');
  return { J: y.length, y, sigma: vectorField(model, data, 'sigma', y.length) };
}

/** Priors on mu and tau plus the log-Jacobian of tau = exp(u); adds their gradient. */
function hyperPrior(mu: number, tau: number, grad: Float64Array, J: number): number {
  grad[J] += -mu / 25;
  grad[J + 1] += tau * cauchyLogPdfDx(tau, 0, 5) + 1;
  return normalLogPdf(mu, 0, 5) + halfCauchyLogPdf(tau, 5) + Math.log(tau);
}

/** Non-centred: theta_j = mu + tau * theta_trans_j, theta_trans_j ~ N(0, 1). */
export function eightSchoolsNoncentered(data: unknown): ConstrainableTarget {
  const { J, y, sigma } = readData('eight_schools_noncentered', data);
  return {
    dim: J + 2,
    parameterNames: [...indexedNames('theta', J), 'mu', 'tau'],
    logDensityGradient(q, grad) {
      const mu = q[J];
      const tau = Math.exp(q[J + 1]);
      grad[J] = 0;
      grad[J + 1] = 0;
      let lp = 0;
      let dTau = 0;
      for (let j = 0; j < J; j++) {
        const t = q[j];
        const r = (y[j] - mu - tau * t) / (sigma[j] * sigma[j]);
        lp += normalLogPdf(t, 0, 1) + normalLogPdf(y[j], mu + tau * t, sigma[j]);
        grad[j] = -t + r * tau;
        grad[J] += r;
        dTau += r * t;
      }
      grad[J + 1] += tau * dTau;
      return finiteOrRejected(lp + hyperPrior(mu, tau, grad, J), grad);
    },
    constrain(q) {
      const tau = Math.exp(q[J + 1]);
      const out = new Float64Array(J + 2);
      for (let j = 0; j < J; j++) out[j] = q[J] + tau * q[j];
      out[J] = q[J];
      out[J + 1] = tau;
      return out;
    },
  };
}

/** Centred: theta_j ~ N(mu, tau). A funnel: divergences are expected. */
export function eightSchoolsCentered(data: unknown): ConstrainableTarget {
  const { J, y, sigma } = readData('eight_schools_centered', data);
  return {
    dim: J + 2,
    parameterNames: [...indexedNames('theta', J), 'mu', 'tau'],
    logDensityGradient(q, grad) {
      const mu = q[J];
      const tau = Math.exp(q[J + 1]);
      const invTau2 = 1 / (tau * tau);
      grad[J] = 0;
      grad[J + 1] = 0;
      let lp = 0;
      let sumSq = 0;
      for (let j = 0; j < J; j++) {
        const theta = q[j];
        const d = theta - mu;
        lp += normalLogPdf(theta, mu, tau) + normalLogPdf(y[j], theta, sigma[j]);
        grad[j] = -d * invTau2 + (y[j] - theta) / (sigma[j] * sigma[j]);
        grad[J] += d * invTau2;
        sumSq += d * d;
      }
      // d/du of sum log N(theta; mu, e^u) = sum (d^2 / tau^2 - 1)
      grad[J + 1] += sumSq * invTau2 - J;
      return finiteOrRejected(lp + hyperPrior(mu, tau, grad, J), grad);
    },
    constrain(q) {
      const out = Float64Array.from(q);
      out[J + 1] = Math.exp(q[J + 1]);
      return out;
    },
  };
}
