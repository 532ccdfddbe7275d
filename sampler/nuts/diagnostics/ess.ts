import { autocovariance } from './autocovariance.js';
import { DiagnosticsInputError } from './errors.js';
import { type ChainColumns, type Draws, mapColumns, mean, pooled, shouldReturnNaN, splitChains, toColumns, variance } from './matrix.js';
import { quantileSorted, sortedCopy } from './order.js';
import { rankNormalizedSplit } from './rhat.js';

/**
 * posterior's `.ess`: effective sample size of columns that are already split (and
 * normalised, where wanted). Autocorrelations are combined over chains as in Vehtari et al.
 * (2021), truncated by Geyer's initial positive sequence, made monotone by Geyer's
 * initial monotone sequence, with the "improved" last term for the antithetic case, and tau
 * floored at 1/log10(S) so that ESS never exceeds S log10(S). NaN (posterior's NA) for fewer
 * than 3 iterations, any non-finite entry, or constant input.
 */
export function essOfColumns(columns: ChainColumns): number {
  const chains = columns.length;
  const n = columns[0].length;
  if (n < 3 || shouldReturnNaN(columns)) return Number.NaN;
  const acovMeans = new Float64Array(n);
  for (const column of columns) {
    const acov = autocovariance(column);
    for (let t = 0; t < n; t++) acovMeans[t] += acov[t];
  }
  for (let t = 0; t < n; t++) acovMeans[t] /= chains;
  const meanVar = (acovMeans[0] * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (chains > 1) varPlus += variance(columns.map((c) => mean(c)));

  // rho[t] is the autocorrelation at lag t (posterior's rho_hat_t[t + 1]).
  const rho = new Float64Array(n);
  const rhoAt = (lag: number): number => 1 - (meanVar - acovMeans[lag]) / varPlus;
  let t = 0;
  let rhoEven = 1;
  let rhoOdd = rhoAt(1);
  rho[0] = rhoEven;
  rho[1] = rhoOdd;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    rhoEven = rhoAt(t);
    rhoOdd = rhoAt(t + 1);
    if (rhoEven + rhoOdd >= 0) {
      rho[t] = rhoEven;
      rho[t + 1] = rhoOdd;
    }
  }
  const maxT = t;
  if (rhoEven > 0) rho[maxT] = rhoEven;
  for (t = 2; t <= maxT - 2; t += 2) {
    if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
      rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
      rho[t + 1] = rho[t];
    }
  }
  // posterior sums rho_hat_t[1:max_t]; when max_t = 0 R's 1:0 selects element 1 (lag 0).
  let sum = maxT === 0 ? rho[0] : 0;
  for (let k = 0; k < maxT; k++) sum += rho[k];
  const total = chains * n;
  const tau = Math.max(-1 + 2 * sum + rho[maxT], 1 / Math.log10(total));
  return total / tau;
}

/** posterior's `ess_basic`: ESS of the raw values, of split chains unless split = false. */
export function essBasic(draws: Draws, split = true): number {
  const columns = toColumns(draws);
  return essOfColumns(split ? splitChains(columns) : columns);
}

/** posterior's `ess_bulk`: ESS of the rank-normalized split chains. */
export function essBulk(draws: Draws): number {
  return essBulkOfColumns(toColumns(draws));
}

/** ess_bulk on columns (shared with the summary, which reuses the columns). */
export function essBulkOfColumns(columns: ChainColumns): number {
  return essOfColumns(rankNormalizedSplit(columns));
}

/** posterior's `ess_mean`: ESS of the split chains, without rank normalization. */
export function essMean(draws: Draws): number {
  return essOfColumns(splitChains(toColumns(draws)));
}

/** posterior's `ess_sd`: ESS of |x - mean(x)| on split chains. */
export function essSd(draws: Draws): number {
  const columns = toColumns(draws);
  const m = mean(pooled(columns));
  return essOfColumns(splitChains(mapColumns(columns, (x) => Math.abs(x - m))));
}

/**
 * posterior's `.ess_quantile`: ESS of the indicator x <= q_p (q_p the type-7 quantile of all
 * draws) on split chains; p = 1 is replaced by (S - 0.5)/S so the indicator is not constant.
 * `sorted` may pass the pooled draws already sorted.
 */
export function essQuantileOfColumns(columns: ChainColumns, p: number, sorted?: Float64Array): number {
  if (!(p >= 0 && p <= 1)) {
    throw new DiagnosticsInputError('DIAGNOSTICS_BAD_ARGUMENT', `quantile probability ${p} is outside [0, 1]`);
  }
  if (shouldReturnNaN(columns)) return Number.NaN;
  const all = sorted ?? sortedCopy(pooled(columns));
  const prob = p === 1 ? (all.length - 0.5) / all.length : p;
  const q = quantileSorted(all, prob);
  return essOfColumns(splitChains(mapColumns(columns, (x) => (x <= q ? 1 : 0))));
}

/** posterior's `ess_quantile` for one probability. */
export function essQuantile(draws: Draws, p: number): number {
  return essQuantileOfColumns(toColumns(draws), p);
}

/** posterior's `ess_tail`: the smaller of the quantile ESS at 5% and 95%. */
export function essTail(draws: Draws): number {
  return essTailOfColumns(toColumns(draws));
}

/** ess_tail on columns; NaN if either quantile ESS is NaN (R's min propagates NA). */
export function essTailOfColumns(columns: ChainColumns, sorted?: Float64Array): number {
  const all = sorted ?? sortedCopy(pooled(columns));
  const low = essQuantileOfColumns(columns, 0.05, all);
  const high = essQuantileOfColumns(columns, 0.95, all);
  return Number.isNaN(low) || Number.isNaN(high) ? Number.NaN : Math.min(low, high);
}
