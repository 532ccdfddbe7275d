/**
 * Geometry shared by the portal's inline SVG charts: a plot box, a date axis (days since
 * 1970-01-01, UTC) and a money axis, the mapping from data to pixels, round tick values
 * and compact money labels. The frame is also written on the <svg> as data attributes so a
 * reader (or a test) can map any drawn point back to its date and amount.
 */
import { html, type SafeHtml } from '../../domain/render/html.js';

/** Pixel box of the plot inside the SVG view box, and the data domain it shows. */
export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly plotWidth: number;
  readonly plotHeight: number;
  /** Date domain, in days since 1970-01-01. */
  readonly day0: number;
  readonly day1: number;
  /** Money domain, in the fund's currency. */
  readonly value0: number;
  readonly value1: number;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO calendar date (YYYY-MM-DD). */
export function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY;
}

/** The ISO calendar date of a day number. */
export function isoDateOfDay(day: number): string {
  return new Date(Math.round(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Pixel x of a day number. */
export const xOfDay = (f: ChartFrame, day: number): number => f.left + ((day - f.day0) / (f.day1 - f.day0)) * f.plotWidth;

/** Pixel y of an amount. */
export const yOfValue = (f: ChartFrame, value: number): number => f.top + f.plotHeight - ((value - f.value0) / (f.value1 - f.value0)) * f.plotHeight;

/** Pixel coordinates are written to 0.01 px. */
export const px = (n: number): string => n.toFixed(2);

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

/** The data attributes that describe the frame (see the module comment). */
export function frameAttributes(f: ChartFrame): SafeHtml {
  return html`data-day0="${f.day0}" data-day1="${f.day1}" data-value0="${f.value0}" data-value1="${f.value1}" data-left="${f.left}" data-top="${f.top}" data-plot-width="${f.plotWidth}" data-plot-height="${f.plotHeight}"`;
}

/** Grid lines and labels: money ticks every `step`, a line at zero, and years on the date axis. */
export function chartAxes(f: ChartFrame, step: number, currency: string): SafeHtml {
  const parts: SafeHtml[] = [];
  const right = f.left + f.plotWidth;
  const bottom = f.top + f.plotHeight;
  for (let v = f.value0; v <= f.value1 + step / 2; v += step) {
    const y = px(yOfValue(f, v));
    const kind = Math.abs(v) < step / 2 ? 'zero' : 'grid';
    parts.push(
      html`<line class="${kind}" x1="${f.left}" x2="${right}" y1="${y}" y2="${y}"/><text x="${f.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${compactMoney(Math.abs(v) < step / 2 ? 0 : v)}</text>`,
    );
  }
  const firstYear = Number(isoDateOfDay(f.day0).slice(0, 4)) + 1;
  const lastYear = Number(isoDateOfDay(f.day1).slice(0, 4));
  const yearStep = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 10));
  for (let year = firstYear; year <= lastYear; year += yearStep) {
    const x = px(xOfDay(f, dayNumber(`${year}-01-01`)));
    parts.push(html`<line class="grid" x1="${x}" x2="${x}" y1="${f.top}" y2="${bottom}"/><text x="${x}" y="${bottom + 16}" text-anchor="middle">${year}</text>`);
  }
  parts.push(html`<rect class="axis" x="${f.left}" y="${f.top}" width="${f.plotWidth}" height="${f.plotHeight}"/>`);
  parts.push(html`<text x="14" y="${f.top + f.plotHeight / 2}" text-anchor="middle" transform="rotate(-90 14 ${f.top + f.plotHeight / 2})">${currency}</text>`);
  return html`${parts}`;
}
