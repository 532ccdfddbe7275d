/**
 * Fund performance metrics of docs/navcast-model.md (d.3) for weekly cash flows: DPI, RVPI, TVPI,
 * IRR (XIRR with week t dated 7t days after week 0), Kaplan-Schoar PME and direct alpha
 * (Gredil, Griffiths and Stucke 2014) against a market total-return index.
 */

const DAYS_PER_YEAR = 365.25;

/** Sparse dated cash flows: `years[k]` after week 0, `amounts[k]` (positive = to the LP). */
export interface DatedFlows {
  readonly years: Float64Array;
  readonly amounts: Float64Array;
}

/** Net LP flows D_t - C_t of weeks 0..tau that are not zero, plus a terminal value at tau. */
export function netFlows(C: ArrayLike<number>, D: ArrayLike<number>, tau: number, terminalValue: number, scale?: ArrayLike<number>): DatedFlows {
  const years: number[] = [],
    amounts: number[] = [];
  for (let t = 0; t <= tau; t++) {
    const amount = (D[t] - C[t]) * (scale ? scale[t] : 1) + (t === tau ? terminalValue : 0);
    if (amount !== 0) {
      years.push((7 * t) / DAYS_PER_YEAR);
      amounts.push(amount);
    }
  }
  return { years: Float64Array.from(years), amounts: Float64Array.from(amounts) };
}

function presentValue(flows: DatedFlows, rate: number): number {
  let sum = 0;
  for (let k = 0; k < flows.years.length; k++) sum += flows.amounts[k] * Math.exp(-rate * flows.years[k]);
  return sum;
}

/**
 * Continuously compounded rate x with sum_k amount_k exp(-x years_k) = 0, so the annual IRR is
 * exp(x) - 1. NaN when the flows do not change sign or no root lies in x in [-10, 10]
 * (about -99.995% to +2.2e6% a year). Bisection to 1e-12: the present value is monotone in x
 * when every outflow precedes every inflow, and the root is then unique.
 */
export function continuousIrr(flows: DatedFlows): number {
  let lo = -10,
    hi = 10;
  let fLo = presentValue(flows, lo);
  const fHi = presentValue(flows, hi);
  if (!(fLo * fHi < 0)) return Number.NaN;
  while (hi - lo > 1e-12) {
    const mid = 0.5 * (lo + hi);
    const f = presentValue(flows, mid);
    if (f === 0) return mid;
    if (f < 0 === fLo < 0) {
      lo = mid;
      fLo = f;
    } else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Market total-return index I_t = exp(sum_{u <= t} rm_u), I_0 = 1. */
export function marketIndex(rm: ArrayLike<number | null>, tau: number): Float64Array {
  const index = new Float64Array(tau + 1);
  index[0] = 1;
  for (let t = 1; t <= tau; t++) index[t] = index[t - 1] * Math.exp(rm[t] ?? 0);
  return index;
}

/** Every d.3 metric of one draw of the value V_tau. */
export interface FundMetrics {
  readonly dpi: number;
  readonly rvpi: number;
  readonly tvpi: number;
  /** Annual IRR (discrete compounding). */
  readonly irr: number;
  readonly ksPme: number;
  /** Direct alpha as a continuous annual rate ln(1 + DA). */
  readonly directAlpha: number;
}

/** Cash-flow sums and the market growth factors I_tau / I_t of one window, shared by its draws. */
export interface MetricContext {
  readonly C: ArrayLike<number>;
  readonly D: ArrayLike<number>;
  readonly tau: number;
  readonly paidIn: number;
  readonly distributed: number;
  readonly growth: Float64Array;
  readonly compoundedCalls: number;
  readonly compoundedDistributions: number;
}

/** Precomputes the draw-independent parts of the metrics of window tau. */
export function metricContext(C: ArrayLike<number>, D: ArrayLike<number>, rm: ArrayLike<number | null>, tau: number): MetricContext {
  const index = marketIndex(rm, tau);
  const growth = index.map((level) => index[tau] / level);
  let paidIn = 0,
    distributed = 0,
    compoundedCalls = 0,
    compoundedDistributions = 0;
  for (let t = 0; t <= tau; t++) {
    paidIn += C[t];
    distributed += D[t];
    compoundedCalls += C[t] * growth[t];
    compoundedDistributions += D[t] * growth[t];
  }
  return { C, D, tau, paidIn, distributed, growth, compoundedCalls, compoundedDistributions };
}

/** The metrics at value V_tau (same money units as the flows). */
export function fundMetrics(ctx: MetricContext, value: number): FundMetrics {
  return {
    dpi: ctx.distributed / ctx.paidIn,
    rvpi: value / ctx.paidIn,
    tvpi: (ctx.distributed + value) / ctx.paidIn,
    irr: Math.exp(continuousIrr(netFlows(ctx.C, ctx.D, ctx.tau, value))) - 1,
    ksPme: (ctx.compoundedDistributions + value) / ctx.compoundedCalls,
    directAlpha: continuousIrr(netFlows(ctx.C, ctx.D, ctx.tau, value, ctx.growth)),
  };
}
