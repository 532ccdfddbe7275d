/** Platform market data: weekly index and comparable-asset return series. */
export {
  MarketSeriesUploadedData,
  marketEventDefinitions,
  marketSeriesHash,
  marketSeriesStreamId,
  type MarketSeriesUploaded,
} from './events.js';
export { marketSeriesDecider, type MarketSeriesState, type RecordMarketSeries } from './decide.js';
export { MarketPoint, MarketPoints, SeriesId } from './values.js';
