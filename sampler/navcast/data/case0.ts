/**
 * The simulated fund published with Brown, Ghysels and Gredil (2023), "Case 0"
 * (test/fixtures/reference/PROVENANCE.md), as a fund input. Alignment (checked by the
 * reference's authors and by docs/navcast-model.md Appendix A.1): Cs/Ds row k = week k; true_Vt,
 * rmt, rct, sqrt_ht, yFund row k = week k + 1. Money is in units of the first call.
 */
import type { FundInput } from './input.js';

/** The CSV files the loader reads, by name without the Case0_ prefix. */
export const CASE0_FILES = ['Cs', 'Ds', 'rmt', 'rct', 'sqrt_ht', 'yFund', 'true_Vt'] as const;
export type Case0Texts = Readonly<Record<(typeof CASE0_FILES)[number], string>>;

/** Truth and published estimates of the paper's fund (README.md). */
export const CASE0_TRUTH = { beta: 1.19, lambda: 0.9, sigmaN: 0.05 } as const;
export const CASE0_PUBLISHED_ML = { beta: 1.297, lambda: 0.819, sigmaN: 0.037, delta: 0.0347, F: 1.19, sigmaD: 0.114 } as const;

/** Weeks from a NAV's value date to its use: the authors drop the current quarter's NAV in real time. */
export const CASE0_PUBLICATION_LAG = 13;

/** Rows of a CSV as numbers per column ("NaN" kept as NaN). */
function rows(text: string, file: string): number[][] {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line, k) =>
      line.split(',').map((cell) => {
        const x = Number(cell.trim());
        if (Number.isNaN(x) && cell.trim() !== 'NaN') throw new RangeError(`Case0_${file}.csv row ${k + 1}: "${cell}" is not a number`);
        return x;
      }),
    );
}

const column = (text: string, file: string, c = 0) => rows(text, file).map((r) => r[c]);

/** The Case-0 fund as a fund input, and its true value path V_0..V_T (first-call units). */
export function parseCase0(texts: Case0Texts): { input: FundInput; trueValue: number[] } {
  const C = column(texts.Cs, 'Cs');
  const D = column(texts.Ds, 'Ds');
  const T = C.length - 1;
  const shifted = (values: number[]) => [null, ...values.slice(0, T)];
  const sqrtH = column(texts.sqrt_ht, 'sqrt_ht');
  const logNav = column(texts.yFund, 'yFund', 1);
  const trueValue = [C[0] - D[0], ...column(texts.true_Vt, 'true_Vt').slice(0, T)];
  const liquidationWeek = trueValue.findIndex((v, t) => t > 0 && v === 0 && D[t] > 0);
  const navs = logNav.flatMap((y, k) => (Number.isNaN(y) ? [] : [{ week: k + 1, value: Math.exp(y), publishedWeek: k + 1 + CASE0_PUBLICATION_LAG }]));
  const input: FundInput = {
    fund: 'BGG (2023) Case 0 simulated buyout fund',
    currency: 'USD',
    commitment: C[0],
    week0: '2000-01-03',
    strategy: 'buyout',
    contributions: C,
    distributions: D,
    marketReturns: shifted(column(texts.rmt, 'rmt')),
    comparableReturns: shifted(column(texts.rct, 'rct')),
    liquidationWeek: liquidationWeek > 0 ? liquidationWeek : null,
    navs,
    prices: [],
    h: shifted(sqrtH.map((s) => s * s)),
  };
  return { input, trueValue };
}
