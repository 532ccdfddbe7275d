/**
 * The plain-language fit report (issue 5 item 7): one self-contained HTML page (inline CSS and
 * SVG, no script, no external assets) built from summary.json alone. See README.md.
 */
import type { WindowSummary } from '../outputs/windowSummary.js';
import type { FitSummary } from '../fit/fitFund.js';
import { valueChart } from './chart.js';
import { html, raw } from './format.js';
import { parameterTable } from './parameters.js';
import { diagnosticsExplained, headline, metricsTable, warnings, windowTable } from './sections.js';

export { chartFrame, xOf, yOf, type ChartFrame } from './chart.js';
export { escapeHtml } from './format.js';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.88em;width:100%}th,td{border-bottom:1px solid #e3e3e3;padding:4px 6px;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap}tr.failed,li.failed{color:#b00020}.lead{font-size:1.1em}.detail{color:#666;font-size:.9em}
dt{font-weight:600}dd{margin:0 0 .5em 1.5em}.note{color:#555;font-size:.9em}`;

/** The report of a fit as a complete HTML document. */
export function renderFitReport(summary: FitSummary): string {
  const fitted = summary.windows.filter((w): w is WindowSummary => 'value' in w);
  const last = fitted.at(-1);
  const bench = last ? summary.benchmarks.windows.find((b) => b.week === last.week) : undefined;
  const s = summary.settings;
  const body = html`<h1>NAVcast fit report: ${summary.fund}</h1>
<p class="note">Commitment ${summary.commitment.toLocaleString('en-US')} ${summary.currency}; week 0 starts ${summary.week0}. ${summary.windows.length} window(s), ${s.chains} chain(s) of ${s.warmup} warm-up and ${s.draws} kept draws, seed ${s.seed}; ${summary.seconds.toFixed(0)} s.</p>
<h2>Warnings and fallbacks</h2>${warnings(summary)}
${last ? html`<h2>Value today</h2>${headline(summary, last, bench)}` : html`<p class="failed">No window could be sampled, so there is no estimate.</p>`}
<h2>Value over time</h2>${valueChart(summary)}
<p class="note">The blue line and bands are the revised history: what the latest data say the value was each week (50% and 90% ranges). Orange marks are real-time nowcasts: what each window knew at its own date. The gap between the two is revision risk. The grey dashed line is the naive nowcast; black dots are reported NAVs at their value dates, which lag the true value because valuations are smoothed.</p>
${
  last
    ? html`<h2>What drives the estimate (latest window)</h2>${parameterTable(last.parameters, summary.benchmarks.meanWeeklyVariance, s.thresholds)}
<p class="note">Ranges are 90% posterior intervals: given the data and the model, a 90% chance that the quantity lies within them.</p>
<h2>Performance (latest window)</h2>${metricsTable(last)}`
    : raw('')
}
<h2>Every window</h2>${windowTable(summary)}
<h2>Diagnostics: what they mean</h2>${diagnosticsExplained(s.thresholds)}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html`NAVcast fit report: ${summary.fund}`.value}</title><style>${STYLE}</style></head>
<body>
${body.value}
</body></html>
`;
}
