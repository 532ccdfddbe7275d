import { type ChainColumns, type Draws, mapColumns, mean, pooled, shouldReturnNaN, splitChains, toColumns, unpool, variance } from './matrix.js';
import { median, zScale } from './order.js';

/**
 * posterior's `.rhat`: the classic potential scale reduction
 * sqrt((B/W + n - 1) / n) with B = n var(chain means) and W = mean of chain variances, on
 * columns already split/normalised. NaN for non-finite or constant input.
 */
export function rhatOfColumns(columns: ChainColumns): number {
  if (shouldReturnNaN(columns)) return Number.NaN;
  const n = columns[0].length;
  const chainMeans = columns.map((c) => mean(c));
  const varBetween = n * variance(chainMeans);
  const varWithin = mean(columns.map((c) => variance(c)));
  return Math.sqrt((varBetween / varWithin + n - 1) / n);
}

/** posterior's `rhat_basic`: R-hat of the raw values, of split chains unless split = false. */
export function rhatBasic(draws: Draws, split = true): number {
  const columns = toColumns(draws);
  return rhatOfColumns(split ? splitChains(columns) : columns);
}

/** posterior's `z_scale(.split_chains(x))`: the columns that bulk R-hat and bulk ESS share. */
export function rankNormalizedSplit(columns: ChainColumns): ChainColumns {
  const split = splitChains(columns);
  return unpool(zScale(pooled(split)), split[0].length);
}

/** Folded-split R-hat, posterior's `.rhat(z_scale(.split_chains(fold_draws(x))))`. */
export function tailRhat(columns: ChainColumns): number {
  return rhatOfColumns(rankNormalizedSplit(foldDraws(columns)));
}

/** R's max(bulk, tail), which is NA when either is. */
export function combineRhat(bulk: number, tail: number): number {
  return Number.isNaN(bulk) || Number.isNaN(tail) ? Number.NaN : Math.max(bulk, tail);
}

/** posterior's `fold_draws`: |x - median(x)| with the median over all draws. */
export function foldDraws(columns: ChainColumns): ChainColumns {
  const m = median(pooled(columns));
  return mapColumns(columns, (x) => Math.abs(x - m));
}

/**
 * posterior's `rhat` (Vehtari et al. 2021): the larger of the rank-normalized split R-hat of
 * the draws (bulk) and of the draws folded around their median (tail). NaN if either is NaN.
 */
export function rhat(draws: Draws): number {
  return rhatOfDrawColumns(toColumns(draws));
}

/** posterior's `rhat` on columns. */
export function rhatOfDrawColumns(columns: ChainColumns): number {
  return combineRhat(rhatOfColumns(rankNormalizedSplit(columns)), tailRhat(columns));
}
