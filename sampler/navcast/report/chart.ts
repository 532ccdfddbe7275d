/**
 * The report's value chart as inline SVG (no script, no external assets): the revised value
 * path of the last window (median, 50% and 90% bands), the real-time nowcast of every window
 * (median with its 90% interval), the naive nowcast and the reported NAVs. The frame (domain and
 * plot box) is written on the <svg> as data attributes so a reader or a test can map points back
 * to values.
 */
import { weekEndDate } from '../data/windows.js';
import type { FitSummary } from '../fit/fitFund.js';
import { frameAttributes, px as fixed, xOf, yOf, type ChartFrame } from '../../../domain/render/chartFrame.js';
import { html, money, raw, type SafeHtml } from './format.js';

export type { ChartFrame };
export { xOf, yOf };

const WIDTH = 960,
  HEIGHT = 420,
  LEFT = 90,
  RIGHT = 20,
  TOP = 40,
  BOTTOM = 40;

/** Round steps of an axis ceiling within each power of ten. */
const ROUND_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** Smallest round number (ROUND_STEPS times a power of ten) >= x, x > 0. */
function niceCeiling(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  return (ROUND_STEPS.find((m) => m * power >= x * (1 - 1e-12)) ?? 10) * power;
}

/** Every value the chart draws, for its domain. */
function plottedValues(summary: FitSummary): number[] {
  const out: number[] = summary.benchmarks.reportedNavs.map((n) => n.value);
  for (const b of summary.revisedPath?.bands ?? []) out.push(b.q5, b.q95);
  for (const v of summary.benchmarks.naivePath?.values ?? []) out.push(v);
  for (const w of summary.windows) if ('value' in w) out.push(w.value.q5, w.value.q95);
  return out.filter((x) => Number.isFinite(x));
}

/** The frame (domain/render/chartFrame.ts) of `summary`'s chart: weeks 0..last window, values 0..a round ceiling of the largest. */
export function chartFrame(summary: FitSummary): ChartFrame {
  const lastWeek = Math.max(1, ...summary.windows.map((w) => w.week));
  const top = Math.max(0, ...plottedValues(summary));
  return {
    width: WIDTH,
    height: HEIGHT,
    left: LEFT,
    top: TOP,
    plotWidth: WIDTH - LEFT - RIGHT,
    plotHeight: HEIGHT - TOP - BOTTOM,
    x0: 0,
    x1: lastWeek,
    y0: 0,
    y1: top > 0 ? niceCeiling(top * 1.02) : 1,
  };
}

const point = (f: ChartFrame, week: number, value: number) => `${fixed(xOf(f, week))},${fixed(yOf(f, value))}`;

function polyline(f: ChartFrame, series: string, weeks: readonly number[], values: readonly number[], style: string): SafeHtml {
  const points = weeks.map((w, k) => point(f, w, values[k])).join(' ');
  return html`<polyline data-series="${series}" points="${points}" ${raw(style)}/>`;
}

function bandPolygon(f: ChartFrame, series: string, weeks: readonly number[], lower: readonly number[], upper: readonly number[], fill: string): SafeHtml {
  const up = weeks.map((w, k) => point(f, w, upper[k]));
  const down = weeks.map((w, k) => point(f, w, lower[k])).reverse();
  return html`<polygon data-series="${series}" points="${[...up, ...down].join(' ')}" fill="${fill}" stroke="none"/>`;
}

function axes(f: ChartFrame, week0: string, currency: string): SafeHtml {
  const parts: SafeHtml[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = f.y0 + ((f.y1 - f.y0) * k) / 4;
    const y = fixed(yOf(f, v));
    parts.push(
      html`<line x1="${f.left}" x2="${f.left + f.plotWidth}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${f.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${money(v, currency)}</text>`,
    );
  }
  const step = f.x1 > 52 * 12 ? 104 : 52;
  for (let week = 0; week <= f.x1; week += step) {
    const x = fixed(xOf(f, week));
    parts.push(
      html`<line x1="${x}" x2="${x}" y1="${f.top}" y2="${f.top + f.plotHeight}" stroke="#eee"/><text x="${x}" y="${f.top + f.plotHeight + 16}" text-anchor="middle">${weekEndDate(week0, week).slice(0, 7)}</text>`,
    );
  }
  parts.push(html`<rect x="${f.left}" y="${f.top}" width="${f.plotWidth}" height="${f.plotHeight}" fill="none" stroke="#999"/>`);
  return html`${parts}`;
}

const LEGEND: readonly [string, string][] = [
  ['#9ecae1', 'true value, 90% band (revised)'],
  ['#4292c6', '50% band'],
  ['#08306b', 'median (revised)'],
  ['#d94801', 'real-time nowcast per window (median, 90%)'],
  ['#6a6a6a', 'naive nowcast'],
  ['#000000', 'reported NAV'],
];

function legend(): SafeHtml {
  return html`${LEGEND.map(([color, label], k) => html`<g transform="translate(${LEFT + 280 * (k % 3)},${8 + 14 * Math.floor(k / 3)})"><rect width="10" height="10" fill="${color}"/><text x="14" y="9">${label}</text></g>`)}`;
}

/** The chart of `summary` as an <svg> element. */
export function valueChart(summary: FitSummary): SafeHtml {
  const f = chartFrame(summary);
  const parts: SafeHtml[] = [axes(f, summary.week0, summary.currency)];
  const path = summary.revisedPath;
  if (path) {
    const b = path.bands;
    parts.push(
      bandPolygon(
        f,
        'band90',
        path.weeks,
        b.map((x) => x.q5),
        b.map((x) => x.q95),
        '#9ecae1',
      ),
    );
    parts.push(
      bandPolygon(
        f,
        'band50',
        path.weeks,
        b.map((x) => x.q25),
        b.map((x) => x.q75),
        '#4292c6',
      ),
    );
    parts.push(
      polyline(
        f,
        'median',
        path.weeks,
        b.map((x) => x.q50),
        'fill="none" stroke="#08306b" stroke-width="1.5"',
      ),
    );
  }
  const naive = summary.benchmarks.naivePath;
  if (naive) parts.push(polyline(f, 'naive', naive.weeks, naive.values, 'fill="none" stroke="#6a6a6a" stroke-dasharray="5,3"'));
  for (const w of summary.windows) {
    if (!('value' in w)) continue;
    const x = fixed(xOf(f, w.week));
    parts.push(
      html`<g data-series="realtime" data-week="${w.week}"><line x1="${x}" x2="${x}" y1="${fixed(yOf(f, w.value.q5))}" y2="${fixed(yOf(f, w.value.q95))}" stroke="#d94801"/><circle cx="${x}" cy="${fixed(yOf(f, w.value.q50))}" r="2.5" fill="#d94801"/></g>`,
    );
  }
  for (const n of summary.benchmarks.reportedNavs) {
    if (n.week > f.x1) continue;
    parts.push(
      html`<circle data-series="nav" data-week="${n.week}" cx="${fixed(xOf(f, n.week))}" cy="${fixed(yOf(f, n.value))}" r="3.5" fill="#000"><title>NAV ${n.date}: ${money(n.value, summary.currency)}</title></circle>`,
    );
  }
  parts.push(legend());
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="100%" role="img" font-family="sans-serif" font-size="11"
 ${frameAttributes(f)}>
<title>Estimated true value of ${summary.fund} against reported NAVs</title>${parts}</svg>`;
}
