/** Platform market data: weekly index and comparable-asset return series. */
export {
  MarketSeriesUploadedData,
  decideMarketSeries,
  evolveMarketSeries,
  initialMarketSeriesState,
  marketEventDefinitions,
  marketSeriesHash,
  marketSeriesStreamId,
  type MarketSeriesState,
  type MarketSeriesUploaded,
} from './events.js';
export { MarketPoint, MarketPoints, SeriesId } from './values.js';
