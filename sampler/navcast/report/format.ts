/** Text helpers of the fit report: HTML escaping and number formats a finance reader expects. */

import { escapeHtml, html, raw, SafeHtml } from '../../../domain/render/html.js';

/** The product's one HTML builder (domain/render/html.ts): every interpolated value is escaped unless it is SafeHtml. */
export { escapeHtml, html, raw, SafeHtml };

const DASH = '\u2013';

/** A money amount, 3 significant digits, with k/m/bn from 10 000 up ("USD 17.0m", "USD 1.37"). */
export function money(amount: number, currency: string): string {
  if (!Number.isFinite(amount)) return 'n/a';
  const abs = Math.abs(amount);
  if (abs < 1e4) return `${currency} ${abs >= 100 ? amount.toFixed(0) : Number(amount.toPrecision(3)).toString()}`;
  const [scale, suffix] = abs >= 1e9 ? [1e9, 'bn'] : abs >= 1e6 ? [1e6, 'm'] : [1e3, 'k'];
  const scaled = amount / scale;
  return `${currency} ${scaled.toFixed(Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2)}${suffix}`;
}

/** A fraction as a percentage ("12.3%"). */
export function percent(fraction: number, digits = 1): string {
  return Number.isFinite(fraction) ? `${(100 * fraction).toFixed(digits)}%` : 'n/a';
}

/** A plain number with `digits` significant digits. */
export function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}

/** An interval "a–b" with the same formatter for both ends. */
export function range(lo: number, hi: number, format: (x: number) => string): string {
  return `${format(lo)} ${DASH} ${format(hi)}`;
}
