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

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written YYYY-MM-DD (no time, no zone). */
export function isIsoCalendarDate(text: string): boolean {
  const match = isoDatePattern.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
