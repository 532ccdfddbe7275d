/**
 * Sections of the fit report other than the chart and the parameter table: the headline
 * nowcast, performance metrics, the per-window table with diagnostics and what they mean, and
 * the data-preparation fallbacks.
 */
import type { PreparationFlag } from '../data/prepare.js';
import type { FailureThresholds } from '../fit/fitConfig.js';
import type { WindowSummary } from '../outputs/windowSummary.js';
import type { WindowBenchmark } from '../outputs/benchmarks.js';
import type { FitSummary } from '../fit/fitFund.js';
import { html, money, num, percent, range, raw, type SafeHtml } from './format.js';

/** The opening paragraph: the value now, the last NAV, the naive nowcast, staleness and the next NAV. */
export function headline(summary: FitSummary, last: WindowSummary, bench: WindowBenchmark | undefined): SafeHtml {
  const m = (x: number) => money(x, summary.currency);
  const v = last.value;
  const nav = bench?.lastNavWeek != null ? summary.benchmarks.reportedNavs.find((n) => n.week === bench.lastNavWeek) : undefined;
  const bias = last.appraisalBias.atLastNav;
  const liquidated = v.q5 === 0 && v.q95 === 0;
  const parts: SafeHtml[] = [
    liquidated
      ? html`<p class="lead">The fund was fully liquidated by <b>${last.date}</b> (week ${last.week}): its remaining value is zero. The parameters and the revised history below use its whole life.</p>`
      : html`<p class="lead">As of <b>${last.date}</b> (week ${last.week}) the fund\u2019s true value is estimated at <b>${m(v.q50)}</b> (median): a 50% chance that it lies between ${m(v.q25)} and ${m(v.q75)}, and a 90% chance between ${m(v.q5)} and ${m(v.q95)}.</p>`,
  ];
  if (nav) parts.push(html`<p>Last reported NAV: <b>${m(nav.value)}</b>, value date ${nav.date}, available from week ${nav.publishedWeek}.</p>`);
  else parts.push(html`<p>No NAV had been published by this date: the estimate rests on cash flows, market and comparable returns and the priors.</p>`);
  if (bench && !liquidated) parts.push(html`<p>Naive nowcast (the last NAV rolled forward with the comparable\u2019s returns and the cash flows since): <b>${m(bench.naive)}</b>.</p>`);
  if (bias) {
    const word = bias.q50 < 0 ? 'below' : 'above';
    parts.push(
      html`<p>Appraisal bias: at its value date the last reported NAV was about <b>${num(Math.abs(bias.q50), 2)}% ${word}</b> the true value (90%: ${range(bias.q5, bias.q95, (x) => `${num(x, 2)}%`)}), because reported NAVs smooth past returns.</p>`,
    );
  }
  if (last.nextNav && !liquidated) {
    const n = last.nextNav.value;
    parts.push(html`<p>Expected next reported NAV (value date ${last.nextNav.date}): about <b>${m(n.q50)}</b> (90%: ${range(n.q5, n.q95, m)}), including the GP\u2019s smoothing and noise.</p>`);
  }
  return html`${parts}`;
}

/** Performance metrics of the last window, computed per posterior draw. */
export function metricsTable(last: WindowSummary): SafeHtml {
  const x = last.metrics;
  const row = (label: string, b: { q5: number; q50: number; q95: number }, f: (v: number) => string, meaning: string) =>
    html`<tr><td>${label}</td><td class="num">${f(b.q50)}</td><td class="num">${range(b.q5, b.q95, f)}</td><td>${meaning}</td></tr>`;
  const multiple = (v: number) => `${num(v, 3)}x`;
  return html`<table><thead><tr><th>Metric</th><th>Median</th><th>90% range</th><th>What it means</th></tr></thead><tbody>
${row('TVPI', x.tvpi, multiple, 'Distributions plus today\u2019s value, per unit paid in.')}
<tr><td>DPI</td><td class="num">${multiple(x.dpi)}</td><td class="num">known</td><td>Cash returned per unit paid in.</td></tr>
${row('RVPI', x.rvpi, multiple, 'Today\u2019s value per unit paid in.')}
${row('IRR', x.irr, (v) => percent(v, 1), 'Annual internal rate of return, with today\u2019s value as the final flow.')}
${row('KS-PME', x.ksPme, multiple, 'Above 1: the fund beat the market index on the same cash-flow dates (Kaplan\u2013Schoar).')}
${row('Direct alpha', x.directAlpha, (v) => percent(v, 1), 'Annual (continuous) return in excess of the market index.')}
</tbody></table>
<p>Chance that TVPI is above 1: <b>${percent(x.probabilityTvpiAbove1, 0)}</b>; that the fund beat the market (KS-PME above 1): <b>${percent(x.probabilityKsPmeAbove1, 0)}</b>. Before liquidation all their uncertainty is the uncertainty of today\u2019s value.</p>`;
}

/** One row per window: the real-time nowcast, its benchmarks and its diagnostics. */
export function windowTable(summary: FitSummary): SafeHtml {
  const m = (x: number) => money(x, summary.currency);
  const bench = new Map(summary.benchmarks.windows.map((b) => [b.week, b]));
  const rows = summary.windows.map((w) => {
    const b = bench.get(w.week);
    const common = html`<td class="num">${w.week}</td><td class="num">${b ? m(b.naive) : ''}</td><td class="num">${b?.lastNav != null ? m(b.lastNav) : 'none'}</td>`;
    if (!('value' in w)) return html`<tr class="failed"><td>week ${w.week}</td>${common}<td colspan="8">sampler failed: ${w.failures.join('; ')}</td></tr>`;
    const d = w.diagnostics;
    return html`<tr${raw(w.failed ? ' class="failed"' : '')}><td>${w.date}</td>${common}<td class="num">${m(w.value.q50)}</td><td class="num">${range(w.value.q5, w.value.q95, m)}</td>
<td class="num">${d.maxRhat.toFixed(3)}</td><td class="num">${d.minEssBulk.toFixed(0)}</td><td class="num">${d.divergences}</td><td class="num">${d.treeDepthSaturation}</td><td class="num">${num(d.minEBfmi, 2)}</td><td>${w.failed ? `FAILED: ${w.failures.join('; ')}` : 'ok'}</td></tr>`;
  });
  return html`<table><thead><tr><th>Date</th><th>Week</th><th>Naive nowcast</th><th>Last NAV</th><th>Nowcast (median)</th><th>90% range</th><th>Max R-hat</th><th>Min ESS</th><th>Divergences</th><th>Max-depth iterations</th><th>Min E-BFMI</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** What each diagnostic means and the thresholds this fit used. */
export function diagnosticsExplained(t: FailureThresholds): SafeHtml {
  return html`<dl>
<dt>R-hat (at most ${t.maxRhat})</dt><dd>Compares the independent chains. Above the limit the chains disagree and the numbers of that window are not reliable.</dd>
<dt>Effective sample size, ESS (at least ${t.minEssBulk})</dt><dd>How many independent draws the estimates are worth. Below the limit quantiles such as the 90% range are noisy.</dd>
<dt>Divergences (at most ${t.maxDivergences})</dt><dd>Places the sampler could not follow accurately; any divergence can bias the results, usually towards too narrow ranges.</dd>
<dt>Max-depth iterations</dt><dd>Iterations that hit the longest allowed trajectory: the sampler was slow there. Results remain valid if R-hat and ESS pass.</dd>
<dt>E-BFMI</dt><dd>Below about 0.3 the sampler explores the tails of the distribution poorly.</dd>
</dl>`;
}

const FLAG_MEANING: Readonly<Record<PreparationFlag['code'], string>> = {
  H_FROM_INPUT: 'The comparable\u2019s volatility path was supplied with the data and used as given.',
  NO_COMPARABLE: 'No comparable asset: between NAVs the estimate follows the market alone, so ranges are wider.',
  NO_HISTORY: 'Too little history before the fund started: the comparable\u2019s market beta and volatility are not estimated from data.',
  SHORT_HISTORY: 'Short history before the fund started: the comparable\u2019s volatility is taken as constant.',
  GARCH_FAILED: 'The volatility model of the comparable could not be fitted: its volatility is taken as constant.',
};

/** Fallbacks taken while preparing the data, and failed windows, as warnings. */
export function warnings(summary: FitSummary): SafeHtml {
  const items: SafeHtml[] = summary.dataPreparation.flags.map((f) => html`<li><b>${f.code}</b>: ${FLAG_MEANING[f.code]} <span class="detail">(${f.message})</span></li>`);
  if (summary.failedWindows.length > 0) {
    items.push(html`<li class="failed"><b>Failed windows</b>: week(s) ${summary.failedWindows.join(', ')} did not pass the diagnostics below; do not rely on their numbers.</li>`);
  }
  return items.length === 0 ? html`<p>No fallbacks were needed and every window passed its diagnostics.</p>` : html`<ul>${items}</ul>`;
}
