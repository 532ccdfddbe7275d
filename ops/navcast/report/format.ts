/** Text helpers of the fit report: HTML escaping and number formats a finance reader expects. */

import { escapeHtml } from '../../../web/views/html.js';

/** Text safe inside HTML elements and quoted attributes: the portal's one escaper. */
export { escapeHtml };

/** Tagged template that escapes every interpolated value unless it is already {@link Html}. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Marks trusted markup (built by this module) so {@link html} does not escape it again. */
export const raw = (text: string) => new Html(text);

/** Builds markup: strings and numbers are escaped, Html values and arrays of them are inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, k) => {
    const items = Array.isArray(value) ? value : [value];
    out += items.map((x) => (x instanceof Html ? x.text : escapeHtml(String(x ?? '')))).join('');
    out += strings[k + 1];
  });
  return new Html(out);
}

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
