/** Funds: value types, uploaded data, upload and fund events, and the deciders of fund streams. */
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
export { MarketConfig, MarketRegime } from './marketConfig.js';
export {
  DuplicateDataIgnoredData,
  FileUploadedData,
  FundDataVersionRecordedData,
  FundIdentityRegisteredData,
  FundRenamedData,
  MarketConfigSetData,
  PRODUCTS,
  Product,
  ProductDeselectedData,
  ProductSelectedData,
  Sha256Hex,
  UploadSource,
  fundEventDefinitions,
  fundEventSchemas,
  fundNameEventSchemas,
  fundNameKey,
  fundNameStreamId,
  fundStreamId,
  uploadStreamId,
  type FileUploaded,
  type FundEvent,
  type FundNameEvent,
} from './events.js';
export { evolveFundName, initialFundNameState, type FundNameState } from './nameState.js';
export { evolveFund, initialFundState, type FundState } from './fundState.js';
export {
  fundUploadDecider,
  fundUploadResult,
  isFundNameEvent,
  type FundUploadEvent,
  type FundUploadInput,
  type FundUploadOutcome,
  type FundUploadResult,
  type FundUploadState,
} from './decideUpload.js';
export { FundNotFoundError, fundSettingsDecider, type FundSettingsCommand } from './decideSettings.js';
export { assertIsPlatformAdministrator, assertMayActInOrganization } from './authorization.js';
