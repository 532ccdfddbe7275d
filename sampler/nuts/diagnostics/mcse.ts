import { betaQuantile } from './betaQuantile.js';
import { essOfColumns, essQuantileOfColumns } from './ess.js';
import { type ChainColumns, type Draws, mapColumns, mean, pooled, splitChains, toColumns, variance } from './matrix.js';
import { sortedCopy } from './order.js';

/** Normal probabilities of -1 and +1 sd as posterior writes them (pnorm(c(-1, 1)) to 7 digits). */
const ONE_SD_PROBABILITIES = [0.1586553, 0.8413447] as const;

/** posterior's `mcse_mean`: sd(x) / sqrt(ess_mean(x)), sd over all draws. */
export function mcseMean(draws: Draws): number {
  return mcseMeanOfColumns(toColumns(draws));
}

/** mcse_mean on columns. */
export function mcseMeanOfColumns(columns: ChainColumns): number {
  return Math.sqrt(variance(pooled(columns))) / Math.sqrt(essOfColumns(splitChains(columns)));
}

/**
 * posterior's `mcse_sd` (Kenney and Keeping 1951, p. 141, without assuming normality):
 * with c = x - mean(x), varvar = (mean(c^4) - mean(c^2)^2) / ess_mean(c^2), and the first-order
 * Taylor step sd(sd) = sqrt(varvar / mean(c^2) / 4).
 */
export function mcseSd(draws: Draws): number {
  return mcseSdOfColumns(toColumns(draws));
}

/** mcse_sd on columns. */
export function mcseSdOfColumns(columns: ChainColumns): number {
  const m = mean(pooled(columns));
  const squares = mapColumns(columns, (x) => (x - m) * (x - m));
  const ess = essOfColumns(splitChains(squares));
  const all = pooled(squares);
  const expectedVariance = mean(all);
  const fourth = mean(all.map((s) => s * s));
  const varianceOfVariance = (fourth - expectedVariance * expectedVariance) / ess;
  return Math.sqrt(varianceOfVariance / expectedVariance / 4);
}

/**
 * posterior's `mcse_quantile` for one probability p: with e = ess_quantile(x, p), the draws'
 * order statistics at the Beta(e p + 1, e (1 - p) + 1) quantiles of Phi(-1) and Phi(1) give a
 * +-1 sd interval for the quantile estimate; the MCSE is half its width. Indices are
 * max(floor(a1 S), 1) and min(ceil(a2 S), S), 1-based, as posterior takes them.
 */
export function mcseQuantile(draws: Draws, p: number): number {
  return mcseQuantileOfColumns(toColumns(draws), p);
}

/** mcse_quantile on columns; `sorted` may pass the pooled draws already sorted. */
export function mcseQuantileOfColumns(columns: ChainColumns, p: number, sorted?: Float64Array): number {
  const all = sorted ?? sortedCopy(pooled(columns));
  const ess = essQuantileOfColumns(columns, p, all);
  if (Number.isNaN(ess)) return Number.NaN;
  const size = all.length;
  const [low, high] = ONE_SD_PROBABILITIES.map((q) => betaQuantile(q, ess * p + 1, ess * (1 - p) + 1));
  if (Number.isNaN(low) || Number.isNaN(high)) return Number.NaN;
  const lower = all[Math.max(Math.floor(low * size), 1) - 1];
  const upper = all[Math.min(Math.ceil(high * size), size) - 1];
  return (upper - lower) / 2;
}
