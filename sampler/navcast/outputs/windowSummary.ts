/**
 * Summary of one fitted window (issue 5 item 6; docs/navcast-model.md d): the value posterior at the
 * window end, the parameters with R-hat and bulk ESS, HMC diagnostics and the pass/fail verdict,
 * appraisal bias, the next-NAV predictive and per-draw performance metrics. Every output is
 * computed per draw and then summarised; money is multiplied back by the commitment.
 */
import { hmcDiagnostics, summarizeParameter } from '../../nuts/index.js';
import type { NavcastParameters, NavcastTarget } from '../model/index.js';
import type { ChainResult, ChainStats } from '../../nuts/types.js';
import type { FailureThresholds } from '../fit/fitConfig.js';
import { fundMetrics, metricContext } from './metrics.js';
import { nextNavLog, nextNavWeek, type NextNavContext } from './predictive.js';
import type { PreparedFund } from '../data/prepare.js';
import { band, probabilityAbove, type Band } from './quantiles.js';
import { weekEndDate } from '../data/windows.js';

/**
 * The posterior draws of one window on the natural scale, per chain (chain c is entry c of
 * every array): what the run deliverables store (one row per chain and draw).
 */
export interface WindowDraws {
  readonly week: number;
  /** Every sampled global parameter ("kappa[source]" per price source), then per chain. */
  readonly parameters: Readonly<Record<string, readonly Float64Array[]>>;
  /** The value at the window end, currency units. */
  readonly value: readonly Float64Array[];
  /** The sampler's statistics of the kept draws (lp__, step size, tree depth, ...). */
  readonly stats: readonly ChainStats[];
}

/** One parameter's posterior summary. */
export interface ParameterRow {
  readonly mean: number;
  readonly sd: number;
  readonly q5: number;
  readonly q95: number;
  readonly rhat: number;
  readonly essBulk: number;
}

/** Weekly value path with bands (currency units), from one window's draws. */
export interface ValuePathBands {
  readonly weeks: number[];
  readonly dates: string[];
  readonly bands: Band[];
}

/** What summary.json holds for one window. */
export interface WindowSummary {
  readonly week: number;
  readonly date: string;
  readonly failed: boolean;
  readonly failures: string[];
  /** V at the window end, currency units. */
  readonly value: Band;
  readonly parameters: Record<string, ParameterRow>;
  readonly diagnostics: {
    readonly maxRhat: number;
    readonly minEssBulk: number;
    readonly divergences: number;
    readonly treeDepthSaturation: number;
    readonly minEBfmi: number;
    readonly stepSizes: number[];
    readonly draws: number;
  };
  /** Percent by which the smoothed reported value lags the true value, 100 (e^B - 1), at the last published NAV and at the window end. */
  readonly appraisalBias: { readonly navWeek: number | null; readonly atLastNav: Band | null; readonly atWindowEnd: Band };
  /** Predictive of the next reported NAV (currency units), or null when none is expected. */
  readonly nextNav: { readonly week: number; readonly date: string; readonly value: Band } | null;
  readonly metrics: {
    readonly dpi: number;
    readonly rvpi: Band;
    readonly tvpi: Band;
    readonly irr: Band;
    readonly ksPme: Band;
    readonly directAlpha: Band;
    readonly probabilityTvpiAbove1: number;
    readonly probabilityKsPmeAbove1: number;
  };
}

/** Everything about the fit that is the same for every window. */
export interface SummaryContext {
  readonly prepared: PreparedFund;
  readonly week0: string;
  readonly seed: number;
  readonly maxTreeDepth: number;
  readonly thresholds: FailureThresholds;
  readonly quarterEnds: readonly number[];
}

/** Natural-scale scalars of a point, named for the output ("kappa[source]" per price source). */
function namedParameters(p: NavcastParameters & { shocks?: unknown }): Record<string, number> {
  const { kappa, sigmaS, shocks: _, ...core } = p;
  const out: Record<string, number> = { ...core };
  for (const [source, k] of Object.entries(kappa)) out[`kappa[${source}]`] = k;
  for (const [source, s] of Object.entries(sigmaS)) out[`sigmaS[${source}]`] = s;
  return out;
}

function marketMoments(rm: readonly (number | null)[], tau: number): [number, number] {
  const xs = rm.slice(1, tau + 1) as number[];
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1);
  return [mean, Math.sqrt(variance)];
}

const percentStale = (b: number) => 100 * (Math.exp(b) - 1);

/** Summarises the chains of `target`'s window; `withPath` also returns the weekly value bands. */
export function summarizeWindow(
  ctx: SummaryContext,
  target: NavcastTarget,
  chains: readonly ChainResult[],
  withPath: boolean,
): { summary: WindowSummary; path: ValuePathBands | null; draws: WindowDraws } {
  const { fund, commitment: K } = ctx.prepared;
  const { tau, tEnd } = target.window;
  const perChain = chains[0].draws.length;
  const total = chains.length * perChain;
  const named: Record<string, Float64Array[]> = {};
  const valueByChain = chains.map(() => new Float64Array(perChain));
  const values = new Float64Array(total),
    navBias = new Float64Array(total),
    endBias = new Float64Array(total),
    nextNav = new Float64Array(total);
  const paths = withPath ? Array.from({ length: tEnd + 1 }, () => new Float64Array(total)) : [];
  const [marketMean, marketSd] = marketMoments(fund.rm, tau);
  const navWeek = fund.nav.reduce<number | null>((last, v, t) => (v !== null && fund.navPub[t] <= tau && t <= tEnd ? t : last), null);
  const nextCtx: NextNavContext = { fund, tau, tEnd, nextWeek: nextNavWeek(fund, tau, tEnd, ctx.quarterEnds), marketMean, marketSd, seed: ctx.seed };
  chains.forEach((chain, c) => {
    chain.draws.forEach((q, i) => {
      const s = c * perChain + i;
      const point = target.unpack(q);
      const { V, B } = target.valuePath(q);
      for (const [name, x] of Object.entries(namedParameters(point))) {
        (named[name] ??= chains.map(() => new Float64Array(perChain)))[c][i] = x;
      }
      values[s] = valueByChain[c][i] = K * V[tEnd];
      navBias[s] = navWeek === null ? Number.NaN : percentStale(B[navWeek]);
      endBias[s] = percentStale(B[tEnd]);
      nextNav[s] = K * Math.exp(nextNavLog(nextCtx, point, V, B, s));
      for (let t = 0; t < paths.length; t++) paths[t][s] = K * V[t];
    });
  });
  const parameters: Record<string, ParameterRow> = {};
  let maxRhat = -Infinity,
    minEssBulk = Infinity;
  const track = (row: { rhat: number; essBulk: number }) => {
    maxRhat = Math.max(maxRhat, Number.isNaN(row.rhat) ? Infinity : row.rhat);
    minEssBulk = Math.min(minEssBulk, Number.isNaN(row.essBulk) ? 0 : row.essBulk);
  };
  for (const [name, draws] of Object.entries(named)) {
    const all = draws.flatMap((d) => Array.from(d));
    if (all.every((x) => x === all[0])) continue; // fixed parameter: nothing sampled
    const { mean, sd, q5, q95, rhat, essBulk } = summarizeParameter(draws);
    parameters[name] = { mean, sd, q5, q95, rhat, essBulk };
    track(parameters[name]);
  }
  if (!values.every((v) => v === values[0])) track(summarizeParameter(valueByChain)); // V = 0 after liquidation
  track(summarizeParameter(chains.map((ch) => ch.stats.logDensity)));
  const hmc = hmcDiagnostics(chains, ctx.maxTreeDepth);
  const failures: string[] = [];
  if (!(maxRhat <= ctx.thresholds.maxRhat)) failures.push(`max R-hat ${maxRhat.toFixed(3)} > ${ctx.thresholds.maxRhat}`);
  if (!(minEssBulk >= ctx.thresholds.minEssBulk)) failures.push(`min bulk ESS ${minEssBulk.toFixed(0)} < ${ctx.thresholds.minEssBulk}`);
  if (hmc.divergences.total > ctx.thresholds.maxDivergences) failures.push(`${hmc.divergences.total} divergences > ${ctx.thresholds.maxDivergences}`);
  const metricCtx = metricContext(
    fund.C.map((x) => K * x),
    fund.D.map((x) => K * x),
    fund.rm,
    tau,
  );
  const perDraw = Array.from(values, (v) => fundMetrics(metricCtx, v));
  const column = (key: 'rvpi' | 'tvpi' | 'irr' | 'ksPme' | 'directAlpha') => perDraw.map((m) => m[key]);
  const summary: WindowSummary = {
    week: tau,
    date: weekEndDate(ctx.week0, tau),
    failed: failures.length > 0,
    failures,
    value: band(values),
    parameters,
    diagnostics: {
      maxRhat,
      minEssBulk,
      divergences: hmc.divergences.total,
      treeDepthSaturation: hmc.treeDepthSaturation.total,
      minEBfmi: Math.min(...hmc.eBfmi),
      stepSizes: chains.map((ch) => ch.stepSize),
      draws: total,
    },
    appraisalBias: { navWeek, atLastNav: navWeek === null ? null : band(navBias), atWindowEnd: band(endBias) },
    nextNav: nextCtx.nextWeek === null ? null : { week: nextCtx.nextWeek, date: weekEndDate(ctx.week0, nextCtx.nextWeek), value: band(nextNav) },
    metrics: {
      dpi: metricCtx.distributed / metricCtx.paidIn,
      rvpi: band(column('rvpi')),
      tvpi: band(column('tvpi')),
      irr: band(column('irr')),
      ksPme: band(column('ksPme')),
      directAlpha: band(column('directAlpha')),
      probabilityTvpiAbove1: probabilityAbove(column('tvpi'), 1),
      probabilityKsPmeAbove1: probabilityAbove(column('ksPme'), 1),
    },
  };
  const path = withPath ? { weeks: paths.map((_, t) => t), dates: paths.map((_, t) => weekEndDate(ctx.week0, t)), bands: paths.map((x) => band(x)) } : null;
  const draws: WindowDraws = { week: tau, parameters: named, value: valueByChain, stats: chains.map((ch) => ch.stats) };
  return { summary, path, draws };
}
