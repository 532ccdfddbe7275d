/**
 * Normalised scalar log densities and their partial derivatives, for hand-written
 * gradients. All include every constant so that values can be checked against scipy.
 */
import { logGamma } from '../../nuts/diagnostics/index.js';

/** log(sqrt(2 pi)). */
export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG_PI = Math.log(Math.PI);
const LOG_2 = Math.LN2;

/** log N(x; mu, sigma). d/dx = -(x - mu) / sigma^2. */
export function normalLogPdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return -0.5 * z * z - Math.log(sigma) - LOG_SQRT_2PI;
}

/** log of the normal(0, sigma) density truncated to x > 0 (a half-normal). */
export function halfNormalLogPdf(x: number, sigma: number): number {
  return LOG_2 + normalLogPdf(x, 0, sigma);
}

/** log Cauchy(x; loc, scale). */
export function cauchyLogPdf(x: number, loc: number, scale: number): number {
  const z = (x - loc) / scale;
  return -LOG_PI - Math.log(scale) - Math.log1p(z * z);
}

/** d/dx log Cauchy(x; loc, scale). */
export function cauchyLogPdfDx(x: number, loc: number, scale: number): number {
  const d = x - loc;
  return (-2 * d) / (scale * scale + d * d);
}

/** log of the Cauchy(0, scale) density truncated to x > 0 (a half-Cauchy). */
export function halfCauchyLogPdf(x: number, scale: number): number {
  return LOG_2 + cauchyLogPdf(x, 0, scale);
}

/** log Student-t(x; nu, mu, sigma). */
export function studentTLogPdf(x: number, nu: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(sigma) - ((nu + 1) / 2) * Math.log1p((z * z) / nu);
}

/** d/dx log Student-t(x; nu, mu, sigma). */
export function studentTLogPdfDx(x: number, nu: number, mu: number, sigma: number): number {
  const d = x - mu;
  return (-(nu + 1) * d) / (nu * sigma * sigma + d * d);
}

/** log Gamma(x; shape, rate). d/dx = (shape - 1) / x - rate. */
export function gammaLogPdf(x: number, shape: number, rate: number): number {
  return shape * Math.log(rate) - logGamma(shape) + (shape - 1) * Math.log(x) - rate * x;
}

/** log Beta(x; a, b). d/dx = (a - 1) / x - (b - 1) / (1 - x). */
export function betaLogPdf(x: number, a: number, b: number): number {
  const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
  return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta;
}
