/** Write side of funds: uploads, fund settings, evergreen funds, market series. */
export { handleUpload, type FundUploadResult, type UploadDependencies, type UploadRequest, type UploadResult } from './uploadFunds.js';
export { EvergreenRequest, FundSettingsRequest, handleEvergreen, handleFundSettings } from './fundSettings.js';
export { handleMarketUpload, parseMarketCsv, type MarketCsvResult, type MarketUploadResult } from './marketSeries.js';
export { PgMultiStreamLog, type MultiStreamLog, type StreamAppend } from './multiStreamLog.js';
