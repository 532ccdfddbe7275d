/**
 * Neal's funnel (Neal 2003), d = 10: v ~ N(0, 3), x_i | v ~ N(0, exp(v / 2)), i = 1..9.
 * Exact marginals for tests: v ~ N(0, 3) (q05 = -4.9346), E[x_i] = 0.
 * Unconstrained layout: v [0], x or z [1..9]. No data.
 */
import { finiteOrRejected, indexedNames, normalLogPdf, type ConstrainableTarget } from '../kit/index.js';

const FUNNEL_WIDTH = 9;
const names = ['v', ...indexedNames('x', FUNNEL_WIDTH)];

/** Centred form, sampling x directly: divergences are expected and must be reported. */
export function funnelCentered(_data?: unknown): ConstrainableTarget {
  return {
    dim: FUNNEL_WIDTH + 1,
    parameterNames: names,
    logDensityGradient(q, grad) {
      const v = q[0];
      const scale = Math.exp(v / 2);
      const invVar = Math.exp(-v);
      let lp = normalLogPdf(v, 0, 3);
      let sumSq = 0;
      for (let i = 1; i <= FUNNEL_WIDTH; i++) {
        lp += normalLogPdf(q[i], 0, scale);
        grad[i] = -q[i] * invVar;
        sumSq += q[i] * q[i];
      }
      grad[0] = -v / 9 + 0.5 * sumSq * invVar - FUNNEL_WIDTH / 2;
      return finiteOrRejected(lp, grad);
    },
    constrain: (q) => Float64Array.from(q),
  };
}

/** Non-centred form, x_i = exp(v / 2) z_i with z_i ~ N(0, 1): should sample cleanly. */
export function funnelNoncentered(_data?: unknown): ConstrainableTarget {
  return {
    dim: FUNNEL_WIDTH + 1,
    parameterNames: names,
    logDensityGradient(q, grad) {
      let lp = normalLogPdf(q[0], 0, 3);
      grad[0] = -q[0] / 9;
      for (let i = 1; i <= FUNNEL_WIDTH; i++) {
        lp += normalLogPdf(q[i], 0, 1);
        grad[i] = -q[i];
      }
      return finiteOrRejected(lp, grad);
    },
    constrain(q) {
      const out = Float64Array.from(q);
      const scale = Math.exp(q[0] / 2);
      for (let i = 1; i <= FUNNEL_WIDTH; i++) out[i] = scale * q[i];
      return out;
    },
  };
}
