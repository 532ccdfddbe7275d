import { z } from 'zod';

/**
 * Active ISO 4217 alphabetic currency codes (list of 2024-06, funds and precious
 * metals excluded). A fund's amounts are all in one of these.
 */
export const ISO_4217_CODES: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
    'GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT ' +
    'LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR ' +
    'NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP ' +
    'STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF ' +
    'XPF YER ZAR ZMW ZWG'
  ).split(' '),
);

/** An ISO 4217 currency code, upper case (e.g. "EUR"). */
export const CurrencyCode = z.string().refine((code) => ISO_4217_CODES.has(code), { message: 'not an ISO 4217 currency code' });
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/** Investment strategies a fund can declare; the model's priors differ by strategy. */
export const FUND_STRATEGIES = ['buyout', 'venture', 'growth', 'credit', 'real_estate', 'other'] as const;
export const FundStrategy = z.enum(FUND_STRATEGIES);
export type FundStrategy = z.infer<typeof FundStrategy>;

/** Earliest and latest calendar dates the platform accepts (inclusive), ISO form. */
export const EARLIEST_DATE = '1950-01-01';
export const LATEST_DATE = '2100-12-31';

/** The value of the ASCII digits text[from, to), or -1 when any character is not one. */
function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when `text` is a real calendar date written YYYY-MM-DD (no time, no zone), in the
 * proleptic Gregorian calendar. Years 0000-0099 are refused (Date.UTC, which an earlier
 * version used, reads them as 1900-1999). Arithmetic only: this runs for every dated row
 * whenever fund data is validated.
 */
export function isIsoCalendarDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** A calendar date, `YYYY-MM-DD`, between EARLIEST_DATE and LATEST_DATE. */
export const CalendarDate = z
  .string()
  .refine(isIsoCalendarDate, { message: 'not a calendar date written YYYY-MM-DD' })
  .refine((date) => date >= EARLIEST_DATE && date <= LATEST_DATE, { message: `outside ${EARLIEST_DATE}..${LATEST_DATE}` });

/**
 * Largest amount accepted (10^15 in the fund's currency): far above any real fund, so it
 * catches pasted account numbers and similar slips.
 */
export const MAX_AMOUNT = 1e15;

/** A money amount in the fund's currency: finite, 0 <= x < MAX_AMOUNT. */
export const Amount = z.number().finite().min(0).lt(MAX_AMOUNT);

/** Earliest and latest vintage years accepted. */
export const MIN_VINTAGE = 1950;
export const MAX_VINTAGE = 2100;
