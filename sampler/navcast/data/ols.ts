/** Ordinary least squares of y on x with an intercept (the comparable's Category-1 regression, b.1). */

/** Estimates, classical standard errors and the residual standard deviation. */
export interface OlsFit {
  readonly alpha: number;
  readonly beta: number;
  readonly seAlpha: number;
  readonly seBeta: number;
  /** sqrt(SSR / (n - 2)). */
  readonly sigma: number;
  readonly n: number;
}

/** y = alpha + beta x + residual by OLS over the pairs where both are present; needs n >= 3 and x not constant. */
export function olsFit(y: readonly (number | null)[], x: readonly (number | null)[]): OlsFit | null {
  const xs: number[] = [],
    ys: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const yi = y[i],
      xi = x[i];
    if (yi !== null && xi !== null && Number.isFinite(yi) && Number.isFinite(xi)) {
      xs.push(xi);
      ys.push(yi);
    }
  }
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  if (!(sxx > 0)) return null;
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += (ys[i] - alpha - beta * xs[i]) ** 2;
  const variance = ssr / (n - 2);
  return {
    alpha,
    beta,
    seAlpha: Math.sqrt(variance * (1 / n + (mx * mx) / sxx)),
    seBeta: Math.sqrt(variance / sxx),
    sigma: Math.sqrt(variance),
    n,
  };
}
