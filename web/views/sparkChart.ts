/**
 * A fund's reported NAVs as a small trend line for tables (inline SVG, no axes): the shape
 * at a glance, with the first and last value in its <title> for screen readers and tooltips.
 */
import { html, type SafeHtml } from '../../domain/render/html.js';
import { dayNumber, fullMoney, px } from './svgChartFrame.js';

const WIDTH = 120;
const HEIGHT = 28;
const PAD = 3;

/** The trend line of `navs` (any order); a dash when there are fewer than two. */
export function navSparkline(navs: readonly { valueDate: string; amount: number }[], currency: string): SafeHtml {
  if (navs.length < 2) return html`<span class="muted">–</span>`;
  const sorted = [...navs].sort((a, b) => (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : 0));
  const days = sorted.map((n) => dayNumber(n.valueDate));
  const low = Math.min(0, ...sorted.map((n) => n.amount));
  const high = Math.max(...sorted.map((n) => n.amount));
  const spanDays = days[days.length - 1] - days[0] || 1;
  const spanValue = high - low || 1;
  const points = sorted.map((n, i) => `${px(PAD + ((days[i] - days[0]) / spanDays) * (WIDTH - 2 * PAD))},${px(HEIGHT - PAD - ((n.amount - low) / spanValue) * (HEIGHT - 2 * PAD))}`);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  return html`<svg class="spark" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" xmlns="http://www.w3.org/2000/svg"><title>Reported NAV from ${currency} ${fullMoney(first.amount)} (${first.valueDate}) to ${currency} ${fullMoney(last.amount)} (${last.valueDate})</title><polyline points="${points.join(' ')}"/></svg>`;
}
