/**
 * Latent AR(1) state-space posterior, the sampler's performance target (T = 500, d = 504):
 *   x_1 = mu + sigma_state / sqrt(1 - phi^2) z_1 (stationary start),
 *   x_t = mu + phi (x_{t-1} - mu) + sigma_state z_t,   z_t ~ N(0, 1),
 *   y_t ~ N(x_t, sigma_obs).
 * Priors: mu ~ N(0, 2), sigma_state, sigma_obs ~ half-normal(0, 1), phi ~ Uniform(-1, 1).
 * Unconstrained layout: mu, log sigma_state, atanh phi, log sigma_obs, z_1..z_T
 * (non-centred innovations). The gradient is one backward pass over t: O(T).
 */
import { LOG_SQRT_2PI, finiteOrRejected, halfNormalLogPdf, indexedNames, normalLogPdf, tanhLogJacobian, vectorField, type ConstrainableTarget } from './kit/index.js';

/** Observed series for the AR(1) state-space model. */
export interface Ar1StateSpaceData {
  y: number[];
}

/** Series length, true parameters and seed of a simulated data set. */
export interface Ar1Simulation {
  readonly T: number;
  readonly mu: number;
  readonly phi: number;
  readonly sigmaState: number;
  readonly sigmaObs: number;
  readonly seed: number;
}

/** The benchmark's data set: T = 500, so d = 504. */
export const AR1_SIMULATION: Ar1Simulation = { T: 500, mu: 0.5, phi: 0.9, sigmaState: 0.3, sigmaObs: 0.4, seed: 20240611 };

/** mulberry32: a small seeded 32-bit generator, enough for simulating test data. */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Simulates y_1..y_T from the model at fixed parameters, deterministically from seed. */
export function simulateAr1StateSpace(settings: Ar1Simulation = AR1_SIMULATION): Ar1StateSpaceData {
  const next = uniforms(settings.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const { T, mu, phi, sigmaState, sigmaObs } = settings;
  const y: number[] = [];
  let h = (sigmaState / Math.sqrt(1 - phi * phi)) * normal();
  for (let t = 0; t < T; t++) {
    if (t > 0) h = phi * h + sigmaState * normal();
    y.push(mu + h + sigmaObs * normal());
  }
  return { y };
}

/** Factory for the AR(1) state-space posterior given observations {y}. */
export function ar1StateSpace(data: unknown): ConstrainableTarget {
  const y = vectorField('ar1StateSpace', data, 'y');
  const T = y.length;
  const h = new Float64Array(T);
  const e = new Float64Array(T);
  return {
    dim: T + 4,
    parameterNames: ['mu', 'sigma_state', 'phi', 'sigma_obs', ...indexedNames('x', T)],
    logDensityGradient(q, grad) {
      const mu = q[0];
      const sx = Math.exp(q[1]);
      const phi = Math.tanh(q[2]);
      const sy = Math.exp(q[3]);
      const invVarY = 1 / (sy * sy);
      const rootStationary = 1 / Math.sqrt(1 - phi * phi);
      const s0 = sx * rootStationary;
      let sumZ2 = 0;
      let sumE2 = 0;
      let sumE = 0;
      // forward: deviations h_t = x_t - mu and residuals e_t = y_t - x_t
      let prev = s0 * q[4];
      for (let t = 0; t < T; t++) {
        const z = q[4 + t];
        if (t > 0) prev = phi * prev + sx * z;
        h[t] = prev;
        const r = y[t] - mu - prev;
        e[t] = r;
        sumZ2 += z * z;
        sumE2 += r * r;
        sumE += r;
      }
      // backward: a_t = d lp / d h_t = e_t / sy^2 + phi a_{t+1}
      let a = 0;
      let gSx = 0;
      let gPhi = 0;
      for (let t = T - 1; t > 0; t--) {
        a = e[t] * invVarY + phi * a;
        const z = q[4 + t];
        grad[4 + t] = a * sx - z;
        gSx += a * z;
        gPhi += a * h[t - 1];
      }
      a = e[0] * invVarY + phi * a;
      grad[4] = a * s0 - q[4];
      gSx += a * q[4] * rootStationary - sx;
      gPhi += a * q[4] * s0 * phi * rootStationary * rootStationary;
      grad[0] = sumE * invVarY - mu / 4;
      grad[1] = sx * gSx + 1;
      grad[2] = gPhi * (1 - phi * phi) - 2 * phi;
      grad[3] = sumE2 * invVarY - T - sy * sy + 1;
      const lp =
        -0.5 * sumZ2 -
        0.5 * sumE2 * invVarY -
        T * (2 * LOG_SQRT_2PI + q[3]) +
        normalLogPdf(mu, 0, 2) +
        halfNormalLogPdf(sx, 1) +
        halfNormalLogPdf(sy, 1) -
        Math.LN2 +
        q[1] +
        q[3] +
        tanhLogJacobian(q[2]);
      return finiteOrRejected(lp, grad);
    },
    constrain(q) {
      const out = new Float64Array(T + 4);
      const sx = Math.exp(q[1]);
      const phi = Math.tanh(q[2]);
      out.set([q[0], sx, phi, Math.exp(q[3])]);
      let prev = (sx / Math.sqrt(1 - phi * phi)) * q[4];
      for (let t = 0; t < T; t++) {
        if (t > 0) prev = phi * prev + sx * q[4 + t];
        out[4 + t] = q[0] + prev;
      }
      return out;
    },
  };
}
