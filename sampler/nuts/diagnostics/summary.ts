import { DiagnosticsInputError } from './errors.js';
import { essOfColumns, essTailOfColumns } from './ess.js';
import { type ChainColumns, type Draws, mean, pooled, toColumns, variance } from './matrix.js';
import { mcseMeanOfColumns, mcseSdOfColumns } from './mcse.js';
import { mad, medianSorted, quantileSorted, sortedCopy } from './order.js';
import { combineRhat, rankNormalizedSplit, rhatOfColumns, tailRhat } from './rhat.js';

/**
 * posterior's default `summarise_draws` measures for one scalar quantity, plus the MCSE of the
 * mean and sd. Undefined diagnostics (constant or non-finite draws, too few iterations) are NaN.
 */
export interface ParameterSummary {
  readonly mean: number;
  readonly sd: number;
  readonly median: number;
  /** R's mad: 1.4826 * median absolute deviation from the median. */
  readonly mad: number;
  /** Type-7 quantiles at 5% and 95%. */
  readonly q5: number;
  readonly q95: number;
  readonly rhat: number;
  readonly essBulk: number;
  readonly essTail: number;
  readonly mcseMean: number;
  readonly mcseSd: number;
}

/** Summary of draws given as chains x iterations (number[][] or Float64Array[]). */
export function summarizeParameter(draws: Draws): ParameterSummary {
  return summarizeColumns(toColumns(draws));
}

function summarizeColumns(columns: ChainColumns): ParameterSummary {
  const all = pooled(columns);
  const sorted = sortedCopy(all);
  const median = medianSorted(sorted);
  const bulkColumns = rankNormalizedSplit(columns);
  return {
    mean: mean(all),
    sd: Math.sqrt(variance(all)),
    median,
    mad: mad(all, median),
    q5: quantileSorted(sorted, 0.05),
    q95: quantileSorted(sorted, 0.95),
    rhat: combineRhat(rhatOfColumns(bulkColumns), tailRhat(columns)),
    essBulk: essOfColumns(bulkColumns),
    essTail: essTailOfColumns(columns, sorted),
    mcseMean: mcseMeanOfColumns(columns),
    mcseSd: mcseSdOfColumns(columns),
  };
}

/**
 * One coordinate of every kept draw, as chains x iterations: `chains[c][i]` is draw i of chain
 * c (a vector, as the sampler's ChainResult.draws holds them) and the result is
 * out[c][i] = chains[c][i][index].
 */
export function coordinateDraws(chains: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>, index: number): Float64Array[] {
  return chains.map((draws, c) =>
    Float64Array.from(draws, (draw, i) => {
      if (!Number.isInteger(index) || index < 0 || index >= draw.length) {
        throw new DiagnosticsInputError('DIAGNOSTICS_BAD_ARGUMENT', `coordinate ${index} is outside draw ${i} of chain ${c} (length ${draw.length})`);
      }
      return draw[index];
    }),
  );
}
