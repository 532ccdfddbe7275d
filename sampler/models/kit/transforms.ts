/**
 * Stan's constraining transforms, written so that large |u| gives 0, 1 or Infinity rather
 * than NaN. Each log-Jacobian helper returns log |dx/du|.
 */

/** softplus(u) = log(1 + e^u), without overflow. */
export function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

/** Logistic function 1 / (1 + e^-u), without overflow. */
export function inverseLogit(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const e = Math.exp(u);
  return e / (1 + e);
}

/**
 * log |d inverseLogit(u) / du| = log s + log(1 - s), finite for every finite u.
 * Its derivative in u is 1 - 2 s.
 */
export function inverseLogitLogJacobian(u: number): number {
  const a = Math.abs(u);
  return -a - 2 * Math.log1p(Math.exp(-a));
}

/**
 * log |d tanh(u) / du| = log(1 - tanh(u)^2), finite for every finite u.
 * Its derivative in u is -2 tanh(u).
 */
export function tanhLogJacobian(u: number): number {
  const a = Math.abs(u);
  return 2 * Math.LN2 - 2 * a - 2 * Math.log1p(Math.exp(-2 * a));
}
