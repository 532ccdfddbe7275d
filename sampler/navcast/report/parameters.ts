/**
 * The report's parameter table: each posterior row of summary.json put in words a finance
 * reader understands (docs/navcast-model.md d.2: annualised alpha, idiosyncratic volatility, mean
 * appraisal lag and half-life), with the 90% range mapped through the same (monotone) formula.
 */
import type { ParameterRow } from '../outputs/windowSummary.js';
import { html, num, percent, range, type SafeHtml } from './format.js';

/** How one parameter is shown: a label, a formatter of a natural-scale value, and a sentence. */
interface Explanation {
  readonly label: string;
  readonly show: (x: number) => string;
  readonly meaning: (mean: number) => string;
}

const lagWeeks = (lambda: number) => lambda / (1 - lambda);
const halfLife = (lambda: number) => Math.log(0.5) / Math.log(lambda);

/** Explanations by parameter name; `weeklyVariance` (mean h) turns F into an annual volatility. */
function explanations(weeklyVariance: number): Record<string, Explanation> {
  const idioVol = (F: number) => F * Math.sqrt(52 * weeklyVariance);
  return {
    alpha: {
      label: 'Alpha (per year, log)',
      show: (a) => percent(52 * a, 2),
      meaning: () =>
        'Return per year beyond what the fund\u2019s market exposure explains (continuously compounded). One fund\u2019s history says little about alpha: the prior (0% \u00b1 8% a year) weighs heavily, especially for young funds.',
    },
    beta: {
      label: 'Market beta',
      show: (b) => num(b, 3),
      meaning: (b) => `A 10% move of the market goes with about a ${num(10 * b, 2)}% move of the fund\u2019s true value.`,
    },
    F: {
      label: 'Fund-specific risk (a year)',
      show: (F) => (Number.isFinite(weeklyVariance) ? percent(idioVol(F), 0) : num(F, 3)),
      meaning: (F) => `Volatility of the fund\u2019s own, non-market returns (F = ${num(F, 3)} times the comparable asset\u2019s residual volatility).`,
    },
    lambda: {
      label: 'Appraisal smoothing',
      show: (l) => `${num(l, 3)} (lag ${num(lagWeeks(l), 2)} wk)`,
      meaning: (l) =>
        `Reported NAVs follow the true value slowly: on average they reflect returns of about ${num(lagWeeks(l), 2)} weeks ago (half of a move shows up after ${num(halfLife(l), 2)} weeks).`,
    },
    sigmaN: {
      label: 'NAV noise',
      show: (s) => percent(s, 1),
      meaning: (s) => `Random error in each reported NAV on top of the smoothing: about \u00b1${percent(s, 1)} (one standard deviation).`,
    },
    delta: {
      label: 'Distribution rate (per year of age)',
      show: (d) => percent(d, 2),
      meaning: (d) => `In a week with a distribution, the expected payout is about ${percent(d, 1)} of the fund\u2019s value per year of age (${percent(4 * d, 0)} at age 4).`,
    },
    sigmaD: {
      label: 'Spread of distribution sizes',
      show: (s) => num(s, 3),
      meaning: () => 'How much distribution sizes vary around that rate (standard deviation of the log-odds of the paid-out fraction).',
    },
    alphaC: {
      label: 'Comparable: alpha (weekly)',
      show: (a) => num(a, 3),
      meaning: () => 'The comparable asset\u2019s return beyond its market exposure (centred on its pre-inception regression).',
    },
    betaCM: {
      label: 'Comparable: market beta',
      show: (b) => num(b, 3),
      meaning: () => 'The comparable asset\u2019s market beta (centred on its pre-inception regression).',
    },
    betaCF: {
      label: 'Comparable: link to the fund',
      show: (b) => num(b, 3),
      meaning: () => 'How much of the fund\u2019s own shocks show up in the comparable\u2019s returns: the larger, the more the comparable reveals about the fund between NAVs.',
    },
    sC: {
      label: 'Comparable: own noise',
      show: (s) => num(s, 3),
      meaning: () => 'Variation of the comparable unrelated to the fund, in units of its residual volatility.',
    },
  };
}

function sourced(name: string): Explanation | null {
  const match = /^(kappa|sigmaS)\[(.*)\]$/.exec(name);
  if (!match) return null;
  const source = match[2];
  return match[1] === 'kappa'
    ? { label: `Price discount (${source})`, show: (k) => percent(Math.exp(k) - 1, 1), meaning: (k) => `Prices from ${source} are on average ${percent(Math.exp(k) - 1, 1)} off the true value.` }
    : { label: `Price noise (${source})`, show: (s) => percent(s, 1), meaning: (s) => `Random error of a ${source} price: about \u00b1${percent(s, 1)}.` };
}

/** Whether a row's R-hat and ESS pass the fit's thresholds, in words. */
function reliability(row: ParameterRow, maxRhat: number, minEss: number): string {
  const ok = row.rhat <= maxRhat && row.essBulk >= minEss;
  return `${ok ? 'yes' : 'check'} (R-hat ${row.rhat.toFixed(3)}, ESS ${row.essBulk.toFixed(0)})`;
}

/** The parameter table of one window's posterior rows. */
export function parameterTable(parameters: Readonly<Record<string, ParameterRow>>, weeklyVariance: number, thresholds: { maxRhat: number; minEssBulk: number }): SafeHtml {
  const known = explanations(weeklyVariance);
  const rows = Object.entries(parameters).map(([name, row]) => {
    const e = known[name] ?? sourced(name) ?? { label: name, show: (x: number) => num(x, 3), meaning: () => '' };
    return html`<tr><td>${e.label}</td><td class="num">${e.show(row.mean)}</td><td class="num">${range(row.q5, row.q95, e.show)}</td><td>${e.meaning(row.mean)}</td><td>${reliability(row, thresholds.maxRhat, thresholds.minEssBulk)}</td></tr>`;
  });
  return html`<table><thead><tr><th>Parameter</th><th>Estimate (mean)</th><th>90% range</th><th>What it means</th><th>Reliable?</th></tr></thead><tbody>${rows}</tbody></table>`;
}
