/** Fund value types: currencies, strategies, dates, amounts and a fund's uploaded data. */
export {
  Amount,
  CalendarDate,
  CurrencyCode,
  EARLIEST_DATE,
  FUND_STRATEGIES,
  FundStrategy,
  ISO_4217_CODES,
  LATEST_DATE,
  MAX_AMOUNT,
  MAX_VINTAGE,
  MIN_VINTAGE,
  isIsoCalendarDate,
} from './values.js';
export {
  Contribution,
  Distribution,
  FundAttributes,
  FundData,
  ReportedNav,
  ThirdPartyPrice,
  type NamedFundData,
} from './fundData.js';
