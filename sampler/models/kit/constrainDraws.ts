import type { SampleResult } from '../../nuts/types.js';
import type { ConstrainableTarget } from './types.js';

/**
 * Every kept draw of every chain on the constrained scale, one entry per
 * `target.parameterNames` entry, each chains x iterations (the layout the diagnostics take).
 */
export function constrainDraws(target: ConstrainableTarget, result: SampleResult): Float64Array[][] {
  const out: Float64Array[][] = target.parameterNames.map(() => []);
  for (const chain of result.chains) {
    const columns = out.map(() => new Float64Array(chain.draws.length));
    chain.draws.forEach((q, i) => {
      const values = target.constrain(q);
      for (let p = 0; p < columns.length; p++) columns[p][i] = values[p];
    });
    columns.forEach((column, p) => out[p].push(column));
  }
  return out;
}
