/**
 * Axes of the portal's inline SVG charts on the one chart frame (domain/render/chartFrame.ts):
 * a date axis (days since 1970-01-01, UTC) and a money axis, round tick values and compact
 * money labels.
 */
import { frameAttributes, px, xOf, yOf, type ChartFrame } from '../../domain/render/chartFrame.js';
import { html, type SafeHtml } from '../../domain/render/html.js';

/** The portal's charts use the one frame (x: days since 1970-01-01, y: money in the fund's currency). */
export { frameAttributes, px, xOf, yOf, type ChartFrame };

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO calendar date (YYYY-MM-DD). */
export function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY;
}

/** The ISO calendar date of a day number. */
export function isoDateOfDay(day: number): string {
  return new Date(Math.round(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The smallest round step (1, 2, 2.5 or 5 times a power of ten) at least `span / count`. */
export function roundStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10;
  return multiple * power;
}

/** Money domain covering `low`..`high` (low <= 0 <= high) widened to round steps; also the step. */
export function moneyDomain(low: number, high: number): { value0: number; value1: number; step: number } {
  const span = high - low > 0 ? high - low : Math.max(Math.abs(high), 1);
  const step = roundStep(span, 5);
  return { value0: Math.floor(low / step) * step, value1: Math.max(Math.ceil(high / step) * step, step), step };
}

/** An amount as a finance reader scans it on an axis: 250k, 12.5m, 1.2bn (sign kept). */
export function compactMoney(amount: number): string {
  const abs = Math.abs(amount);
  const [scale, suffix] = abs >= 1e9 ? [1e9, 'bn'] : abs >= 1e6 ? [1e6, 'm'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
  const scaled = amount / scale;
  return `${Number(scaled.toFixed(Math.abs(scaled) >= 100 ? 0 : 2))}${suffix}`;
}

/** An amount in full with thousands separators: whole amounts without decimals, others with two (3,750,000; 5,698,552.30). */
export function fullMoney(amount: number): string {
  const digits = Number.isInteger(amount) ? 0 : 2;
  return amount.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Grid lines and labels: money ticks every `step`, a line at zero, and years on the date axis. */
export function chartAxes(f: ChartFrame, step: number, currency: string): SafeHtml {
  const parts: SafeHtml[] = [];
  const right = f.left + f.plotWidth;
  const bottom = f.top + f.plotHeight;
  for (let v = f.y0; v <= f.y1 + step / 2; v += step) {
    const y = px(yOf(f, v));
    const kind = Math.abs(v) < step / 2 ? 'zero' : 'grid';
    parts.push(
      html`<line class="${kind}" x1="${f.left}" x2="${right}" y1="${y}" y2="${y}"/><text x="${f.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${compactMoney(Math.abs(v) < step / 2 ? 0 : v)}</text>`,
    );
  }
  const firstYear = Number(isoDateOfDay(f.x0).slice(0, 4)) + 1;
  const lastYear = Number(isoDateOfDay(f.x1).slice(0, 4));
  const yearStep = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 10));
  for (let year = firstYear; year <= lastYear; year += yearStep) {
    const x = px(xOf(f, dayNumber(`${year}-01-01`)));
    parts.push(html`<line class="grid" x1="${x}" x2="${x}" y1="${f.top}" y2="${bottom}"/><text x="${x}" y="${bottom + 16}" text-anchor="middle">${year}</text>`);
  }
  parts.push(html`<rect class="axis" x="${f.left}" y="${f.top}" width="${f.plotWidth}" height="${f.plotHeight}"/>`);
  parts.push(html`<text x="14" y="${f.top + f.plotHeight / 2}" text-anchor="middle" transform="rotate(-90 14 ${f.top + f.plotHeight / 2})">${currency}</text>`);
  return html`${parts}`;
}
