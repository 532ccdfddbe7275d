/**
 * Data preparation (docs/navcast-model.md b.1, issue 5 item 3): money scaled by the commitment, the
 * comparable's Category-1 regression on the market (OLS) and its GARCH(1,1) variance h_t from
 * pre-inception data, with documented fallbacks that are flagged in the output.
 */
import { categoryOnePriors, type NavcastFundData, type NavcastPriors } from '../model/index.js';
import { filterForward, fitGarch, type GarchFit } from './garch.js';
import type { FundInput } from './input.js';
import { olsFit, type OlsFit } from './ols.js';

/** Weekly variance used when nothing better is known: (20% a year)^2 / 52 (b.1). */
export const DEFAULT_WEEKLY_VARIANCE = 0.2 ** 2 / 52;
/** Fewer complete pre-inception weeks than this: no regression (2 years). */
export const MIN_REGRESSION_WEEKS = 104;
/** Fewer than this: no GARCH, constant h at the regression's residual variance (5 years, b.1). */
export const MIN_GARCH_WEEKS = 260;

/** Where h came from; anything but 'garch' and 'input' is a fallback and is flagged. */
export type VarianceSource = 'input' | 'garch' | 'regressionConstant' | 'defaultConstant';

/** A fallback taken while preparing the data, for the output. */
export interface PreparationFlag {
  readonly code: 'NO_COMPARABLE' | 'NO_HISTORY' | 'SHORT_HISTORY' | 'GARCH_FAILED' | 'H_FROM_INPUT';
  readonly message: string;
}

/** What preparation decided, reported in summary.json. */
export interface DataPreparation {
  readonly varianceSource: VarianceSource;
  readonly flags: readonly PreparationFlag[];
  readonly regression: OlsFit | null;
  readonly garch: Omit<GarchFit, 'lastH' | 'lastResidual'> | null;
}

/** A fund ready for the model: data in commitment units, priors, and the preparation report. */
export interface PreparedFund {
  readonly fund: NavcastFundData;
  /** Money scale K (the commitment, currency units). */
  readonly commitment: number;
  readonly priors: NavcastPriors;
  readonly preparation: DataPreparation;
}

const VC_PRIORS: NavcastPriors = { beta: { kind: 'normal', mean: 1.4, sd: 0.35 } };

function comparableVariance(input: FundInput): { h: number[]; preparation: DataPreparation } {
  const n = input.contributions.length;
  const flags: PreparationFlag[] = [];
  const constant = (value: number) => new Array<number>(n).fill(value);
  if (input.h) {
    flags.push({ code: 'H_FROM_INPUT', message: 'h taken from the input file as given (no regression or GARCH run)' });
    return { h: input.h.map((x) => x ?? DEFAULT_WEEKLY_VARIANCE), preparation: { varianceSource: 'input', flags, regression: null, garch: null } };
  }
  if (input.comparableReturns.every((x) => x === null)) {
    flags.push({ code: 'NO_COMPARABLE', message: 'no comparable returns: h is constant at (20% a year)^2/52 and the comparable terms drop out' });
    return { h: constant(DEFAULT_WEEKLY_VARIANCE), preparation: { varianceSource: 'defaultConstant', flags, regression: null, garch: null } };
  }
  const history = input.history;
  const regression = history ? olsFit(history.comparableReturns, history.marketReturns) : null;
  if (regression === null || regression.n < MIN_REGRESSION_WEEKS) {
    flags.push({
      code: 'NO_HISTORY',
      message: `fewer than ${MIN_REGRESSION_WEEKS} pre-inception weeks with both returns (${regression?.n ?? 0}): no regression, comparable priors at their defaults, h constant at (20% a year)^2/52`,
    });
    return { h: constant(DEFAULT_WEEKLY_VARIANCE), preparation: { varianceSource: 'defaultConstant', flags, regression: null, garch: null } };
  }
  const residualOf = (rc: number | null, rm: number | null) => (rc === null || rm === null ? null : rc - regression.alpha - regression.beta * rm);
  const preResiduals = history!.comparableReturns.map((rc, k) => residualOf(rc, history!.marketReturns[k])).filter((x): x is number => x !== null);
  if (regression.n < MIN_GARCH_WEEKS) {
    flags.push({ code: 'SHORT_HISTORY', message: `${regression.n} pre-inception weeks (< ${MIN_GARCH_WEEKS}): no GARCH, h constant at the regression's residual variance` });
    return { h: constant(regression.sigma ** 2), preparation: { varianceSource: 'regressionConstant', flags, regression, garch: null } };
  }
  const garch = fitGarch(preResiduals);
  const { lastH: _h, lastResidual: _r, ...garchReport } = garch;
  if (!garch.ok) {
    flags.push({ code: 'GARCH_FAILED', message: `GARCH(1,1) fit not usable (a + b = ${(garch.a + garch.b).toFixed(4)}): h constant at the regression's residual variance` });
    return { h: constant(regression.sigma ** 2), preparation: { varianceSource: 'regressionConstant', flags, regression, garch: garchReport } };
  }
  const fundResiduals = input.comparableReturns.map((rc, t) => residualOf(rc, input.marketReturns[t]));
  return { h: filterForward(garch, fundResiduals), preparation: { varianceSource: 'garch', flags, regression, garch: garchReport } };
}

/** Converts a validated input into model data, priors (Category 1 centred on the regression) and the preparation report. */
export function prepareFund(input: FundInput): PreparedFund {
  const K = input.commitment;
  const n = input.contributions.length;
  const { h, preparation } = comparableVariance(input);
  const nav = new Array<number | null>(n).fill(null);
  const navPub = new Array<number>(n).fill(-1);
  for (const report of input.navs) {
    nav[report.week] = report.value / K;
    navPub[report.week] = report.publishedWeek;
  }
  const sec = new Array<number | null>(n).fill(null);
  const secSource = new Array<string | null>(n).fill(null);
  for (const price of input.prices) {
    sec[price.week] = price.value / K;
    secSource[price.week] = price.source;
  }
  const fund: NavcastFundData = {
    C: input.contributions.map((x) => x / K),
    D: input.distributions.map((x) => x / K),
    terminal: input.contributions.map((_, t) => t === input.liquidationWeek),
    rm: input.marketReturns,
    h,
    rc: input.comparableReturns,
    nav,
    navPub,
    sec,
    secSource,
  };
  const regression = preparation.regression;
  const priors: NavcastPriors = {
    ...(input.strategy === 'vc' ? VC_PRIORS : {}),
    ...(regression ? categoryOnePriors({ alphaC: { estimate: regression.alpha, se: regression.seAlpha }, betaCM: { estimate: regression.beta, se: regression.seBeta } }) : {}),
  };
  return { fund, commitment: K, priors, preparation };
}
