import { z } from 'zod';
import { Amount, CalendarDate, CurrencyCode, FundStrategy, MAX_VINTAGE, MIN_VINTAGE } from './values.js';

/** What a workbook states about a fund besides its dated rows. */
export const FundAttributes = z.object({
  currency: CurrencyCode,
  /** Committed capital in the fund's currency; the model's money scale. */
  commitment: Amount.refine((value) => value > 0, { message: 'must be greater than zero' }),
  vintage: z.number().int().min(MIN_VINTAGE).max(MAX_VINTAGE),
  strategy: FundStrategy,
});
export type FundAttributes = z.infer<typeof FundAttributes>;

/** A capital call paid by the investor (contribution), positive amount. */
export const Contribution = z.object({ date: CalendarDate, amount: Amount });
export type Contribution = z.infer<typeof Contribution>;

/** A distribution paid to the investor; `liquidating` marks the final one (fund fully realised). */
export const Distribution = z.object({ date: CalendarDate, amount: Amount, liquidating: z.boolean() });
export type Distribution = z.infer<typeof Distribution>;

/**
 * A NAV reported by the manager: the value as of `valueDate` (usually a quarter end),
 * published on `publishedDate` when known (never before the value date).
 */
export const ReportedNav = z
  .object({ valueDate: CalendarDate, publishedDate: CalendarDate.nullable(), amount: Amount })
  .refine((nav) => nav.publishedDate === null || nav.publishedDate >= nav.valueDate, {
    message: 'published before its value date',
  });
export type ReportedNav = z.infer<typeof ReportedNav>;

/** A secondary-market or third-party price for the investor's whole stake, with who quoted it. */
export const ThirdPartyPrice = z.object({ date: CalendarDate, amount: Amount, source: z.string().min(1) });
export type ThirdPartyPrice = z.infer<typeof ThirdPartyPrice>;

/**
 * One fund's data as uploaded: everything the data hash covers and the model reads. Rows
 * are kept in the order the parser produced (date order); the data hash does not depend
 * on it.
 */
export const FundData = z.object({
  attributes: FundAttributes,
  contributions: z.array(Contribution),
  distributions: z.array(Distribution),
  navs: z.array(ReportedNav),
  prices: z.array(ThirdPartyPrice),
});
export type FundData = z.infer<typeof FundData>;

/** A named fund as a workbook lists it (the name is trimmed and NFC-normalised). */
export interface NamedFundData {
  readonly name: string;
  readonly data: FundData;
}
