/**
 * A fund's reported history as an inline SVG chart, rendered on the server (no script): the
 * reported NAVs as a line with markers, contributions as bars below zero (money paid in) and
 * distributions as bars above zero (money paid out), per date, and third-party prices as
 * diamonds. Each marker and bar carries a
 * <title> with its date and amount (a tooltip in browsers, text for screen readers); the chart
 * has a <title> and a <desc> summarising it in words, and the table next to it has every row.
 */
import type { FundData } from '../../domain/funds/index.js';
import { html, type SafeHtml } from '../../domain/render/html.js';
import { chartAxes, dayNumber, frameAttributes, fullMoney, moneyDomain, px, xOf, yOf, type ChartFrame } from './svgChartFrame.js';

const WIDTH = 760;
const HEIGHT = 340;
const MARGIN = { left: 64, right: 16, top: 34, bottom: 32 };

/** Amounts summed per date, dates ascending. */
function byDate(rows: readonly { date: string; amount: number }[]): { date: string; amount: number }[] {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.date, (sums.get(r.date) ?? 0) + r.amount);
  return [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, amount]) => ({ date, amount }));
}

function frameOf(data: FundData, contributions: { amount: number }[], distributions: { amount: number }[]): { frame: ChartFrame; step: number } {
  const days = [...data.navs.map((n) => n.valueDate), ...data.contributions.map((c) => c.date), ...data.distributions.map((d) => d.date), ...data.prices.map((p) => p.date)].map(dayNumber);
  const first = Math.min(...days);
  const last = Math.max(...days);
  // A little room at both ends so that the first and last bars are not cut by the frame.
  const pad = Math.max(15, (last - first) * 0.02);
  const high = Math.max(0, ...data.navs.map((n) => n.amount), ...data.prices.map((p) => p.amount), ...distributions.map((d) => d.amount));
  const low = -Math.max(0, ...contributions.map((c) => c.amount));
  const { value0, value1, step } = moneyDomain(low, high);
  const frame: ChartFrame = {
    width: WIDTH,
    height: HEIGHT,
    left: MARGIN.left,
    top: MARGIN.top,
    plotWidth: WIDTH - MARGIN.left - MARGIN.right,
    plotHeight: HEIGHT - MARGIN.top - MARGIN.bottom,
    x0: first - pad,
    x1: last + pad,
    y0: value0,
    y1: value1,
  };
  return { frame, step };
}

/** Bar width: 70% of the closest spacing of flow dates, between 1.5 and 10 px. */
function barWidth(f: ChartFrame, dates: readonly string[]): number {
  const xs = [...new Set(dates)].map((d) => xOf(f, dayNumber(d))).sort((a, b) => a - b);
  let closest = Infinity;
  for (let i = 1; i < xs.length; i++) closest = Math.min(closest, xs[i] - xs[i - 1]);
  return Math.min(10, Math.max(1.5, Number.isFinite(closest) ? closest * 0.7 : 10));
}

function bars(f: ChartFrame, rows: readonly { date: string; amount: number }[], kind: 'contribution' | 'distribution', width: number, currency: string): SafeHtml[] {
  const zero = yOf(f, 0);
  return rows.map((r) => {
    const x = xOf(f, dayNumber(r.date)) - width / 2;
    const end = yOf(f, kind === 'contribution' ? -r.amount : r.amount);
    const label = kind === 'contribution' ? 'Contribution' : 'Distribution';
    return html`<rect class="bar-${kind}" data-series="${kind}" data-date="${r.date}" x="${px(x)}" y="${px(Math.min(zero, end))}" width="${px(width)}" height="${px(Math.abs(end - zero))}"><title>${label} ${r.date}: ${currency} ${fullMoney(r.amount)}</title></rect>`;
  });
}

function navSeries(f: ChartFrame, data: FundData, currency: string): SafeHtml {
  if (data.navs.length === 0) return html``;
  const navs = [...data.navs].sort((a, b) => (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : 0));
  const points = navs.map((n) => `${px(xOf(f, dayNumber(n.valueDate)))},${px(yOf(f, n.amount))}`);
  const markers = navs.map(
    (n, i) =>
      html`<circle class="nav-marker" data-series="nav" cx="${points[i].split(',')[0]}" cy="${points[i].split(',')[1]}" r="3"><title>NAV ${n.valueDate}: ${currency} ${fullMoney(n.amount)}</title></circle>`,
  );
  return html`<path class="nav-line" data-series="nav" d="M${points.join(' L')}"/>${markers}`;
}

function priceMarkers(f: ChartFrame, data: FundData, currency: string): SafeHtml[] {
  return data.prices.map((p) => {
    const x = xOf(f, dayNumber(p.date));
    const y = yOf(f, p.amount);
    return html`<rect class="price-marker" data-series="price" x="${px(x - 3.5)}" y="${px(y - 3.5)}" width="7" height="7" transform="rotate(45 ${px(x)} ${px(y)})"><title>Price ${p.date} (${p.source}): ${currency} ${fullMoney(p.amount)}</title></rect>`;
  });
}

function legend(withPrices: boolean): SafeHtml {
  const prices = withPrices ? html`<rect class="price-marker" x="568" y="1" width="7" height="7" transform="rotate(45 571.5 4.5)"/><text x="582" y="9">Third-party prices</text>` : html``;
  return html`<g class="legend" transform="translate(${MARGIN.left},12)">
<line class="nav-line" x1="0" x2="18" y1="5" y2="5"/><circle class="nav-marker" cx="9" cy="5" r="3"/><text x="24" y="9">Reported NAV</text>
<rect class="bar-contribution" x="130" y="0" width="10" height="10"/><text x="146" y="9">Contributions (paid in, below zero)</text>
<rect class="bar-distribution" x="370" y="0" width="10" height="10"/><text x="386" y="9">Distributions (paid out)</text>${prices}</g>`;
}

function description(name: string, data: FundData, currency: string): string {
  const total = (rows: readonly { amount: number }[]) => rows.reduce((sum, r) => sum + r.amount, 0);
  const navs = [...data.navs].sort((a, b) => (a.valueDate < b.valueDate ? -1 : 1));
  const navText =
    navs.length === 0
      ? 'No NAVs reported.'
      : `${navs.length} reported NAVs from ${navs[0].valueDate} (${currency} ${fullMoney(navs[0].amount)}) to ${navs[navs.length - 1].valueDate} (${currency} ${fullMoney(navs[navs.length - 1].amount)}).`;
  const priceText = data.prices.length === 0 ? '' : ` ${data.prices.length} third-party ${data.prices.length === 1 ? 'price' : 'prices'}.`;
  return `${name}: ${navText} ${data.contributions.length} contributions totalling ${currency} ${fullMoney(total(data.contributions))}; ${data.distributions.length} distributions totalling ${currency} ${fullMoney(total(data.distributions))}.${priceText}`;
}

/** The chart of one fund version's data; `idPrefix` keeps the title/desc ids unique on the page. */
export function fundHistoryChart(name: string, data: FundData, idPrefix = 'fund-chart'): SafeHtml {
  const currency = data.attributes.currency;
  const contributions = byDate(data.contributions);
  const distributions = byDate(data.distributions);
  const { frame, step } = frameOf(data, contributions, distributions);
  const width = barWidth(
    frame,
    [...contributions, ...distributions].map((r) => r.date),
  );
  return html`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc" ${frameAttributes(frame)}>
<title id="${idPrefix}-title">Reported NAVs and cash flows of ${name} (${currency})</title>
<desc id="${idPrefix}-desc">${description(name, data, currency)}</desc>
${chartAxes(frame, step, currency)}${bars(frame, contributions, 'contribution', width, currency)}${bars(frame, distributions, 'distribution', width, currency)}${navSeries(frame, data, currency)}${priceMarkers(frame, data, currency)}${legend(data.prices.length > 0)}</svg>`;
}
