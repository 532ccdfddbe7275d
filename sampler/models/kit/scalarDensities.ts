/**
 * Normalised scalar log densities and their partial derivatives, for hand-written
 * gradients. All include every constant so that values can be checked against scipy.
 */

/** log(sqrt(2 pi)). */
export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG_PI = Math.log(Math.PI);
const LOG_2 = Math.LN2;

/** Lanczos (g = 7, n = 9) coefficients; about 15 significant digits for x > 0. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** log Gamma(x) for x > 0 (used for normalising constants only). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

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
  return (
    logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(sigma) -
    ((nu + 1) / 2) * Math.log1p((z * z) / nu)
  );
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
