/** Derivative-free minimisation (Nelder and Mead 1965, standard coefficients) for small problems. */

/** The minimiser found and whether the simplex shrank below the tolerance in time. */
export interface MinimizeResult {
  readonly x: number[];
  readonly value: number;
  readonly converged: boolean;
  readonly iterations: number;
}

/**
 * Minimises f from x0 with an initial simplex of side `step`; stops when the spread of the
 * simplex values falls below `tolerance` (absolute) or after `maxIterations`.
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  { step = 0.5, tolerance = 1e-10, maxIterations = 5000 }: { step?: number; tolerance?: number; maxIterations?: number } = {},
): MinimizeResult {
  const n = x0.length;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [x0.slice(), ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))];
  let values = simplex.map(value);
  const along = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[n] - values[0]) < tolerance) return { x: simplex[0], value: values[0], converged: true, iterations: iteration };
    const centroid = simplex.slice(0, n).reduce((c, x) => c.map((v, i) => v + x[i] / n), new Array<number>(n).fill(0));
    const worst = simplex[n];
    const reflected = along(centroid, worst, -1);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = along(centroid, worst, -2);
      const fe = value(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n] ? along(centroid, reflected, 0.5) : along(centroid, worst, 0.5);
      const fc = value(contracted);
      if (fc < Math.min(fr, values[n])) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = along(simplex[0], simplex[i], 0.5);
          values[i] = value(simplex[i]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best], value: values[best], converged: false, iterations: maxIterations };
}
