import { DiagnosticsInputError } from './errors.js';

/** Draws of one scalar quantity: one array per chain, all of the same length. */
export type Draws = ReadonlyArray<ArrayLike<number>>;

/** Internal layout: one Float64Array column per chain (posterior's iterations x chains matrix). */
export type ChainColumns = Float64Array[];

/** Copies draws into columns, checking that there is at least one chain and that none is ragged. */
export function toColumns(draws: Draws): ChainColumns {
  if (draws.length === 0) {
    throw new DiagnosticsInputError('DIAGNOSTICS_NO_CHAINS', 'draws must hold at least one chain');
  }
  const n = draws[0].length;
  return draws.map((chain, j) => {
    if (chain.length !== n) {
      throw new DiagnosticsInputError('DIAGNOSTICS_RAGGED_CHAINS', `chain ${j} has ${chain.length} draws but chain 0 has ${n}`);
    }
    return Float64Array.from(chain);
  });
}

/**
 * posterior's `.split_chains`: the first floor(n/2) and the last floor(n/2) iterations of every
 * chain become separate chains (all first halves, then all second halves); an odd n drops
 * the middle draw, and n = 1 is returned unsplit.
 */
export function splitChains(columns: ChainColumns): ChainColumns {
  const n = columns[0].length;
  if (n === 1) return columns;
  const half = Math.floor(n / 2);
  return [...columns.map((c) => c.subarray(0, half)), ...columns.map((c) => c.subarray(n - half, n))];
}

/** All entries of the columns in one array (column-major, as R's as.vector of a matrix). */
export function pooled(columns: ChainColumns): Float64Array {
  const n = columns[0].length;
  const out = new Float64Array(n * columns.length);
  columns.forEach((c, j) => out.set(c, j * n));
  return out;
}

/** Applies f to every entry, keeping the column layout. */
export function mapColumns(columns: ChainColumns, f: (x: number) => number): ChainColumns {
  return columns.map((c) => c.map(f));
}

/** Rebuilds columns of length n from a pooled column-major array. */
export function unpool(values: Float64Array, n: number): ChainColumns {
  const out: ChainColumns = [];
  for (let start = 0; start < values.length; start += n) out.push(values.subarray(start, start + n));
  return out;
}

/**
 * Mean as R computes it: the plain mean followed by one correction pass (summary.c), which
 * removes most of the rounding of the first pass.
 */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  s /= n;
  if (!Number.isFinite(s)) return s;
  let t = 0;
  for (let i = 0; i < n; i++) t += x[i] - s;
  return s + t / n;
}

/** Sample variance (denominator n - 1), two-pass; NaN for fewer than two values, like R's var. */
export function variance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    ss += d * d;
  }
  return ss / (n - 1);
}

/** True when any entry is NaN or infinite (posterior's anyNA || anyInfinite). */
export function hasNonFinite(columns: ChainColumns): boolean {
  return columns.some((c) => c.some((v) => !Number.isFinite(v)));
}

/** posterior's `is_constant`: max - min below double epsilon (an absolute tolerance). */
export function isConstant(columns: ChainColumns): boolean {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const c of columns) {
    for (let i = 0; i < c.length; i++) {
      if (c[i] < min) min = c[i];
      if (c[i] > max) max = c[i];
    }
  }
  return Math.abs(max - min) < Number.EPSILON;
}

/** posterior's `should_return_NA`: any non-finite entry, or all entries (numerically) equal. */
export function shouldReturnNaN(columns: ChainColumns): boolean {
  return hasNonFinite(columns) || isConstant(columns);
}
