/** The decider of a market series stream (platform tenant): a new revision unless the points are unchanged. */
import type { Decider } from '../decider.js';
import type { CommandMetadata } from '../organizations/commands.js';
import { marketSeriesHash, type MarketSeriesUploaded } from './events.js';
import type { MarketPoint } from './values.js';

/** Record one series as uploaded, validated and authorised (the whole series replaces the last). */
export interface RecordMarketSeries {
  readonly type: 'RecordMarketSeries';
  readonly seriesId: string;
  readonly points: readonly MarketPoint[];
}

/** What a series stream knows: its last revision and data hash. */
export interface MarketSeriesState {
  readonly revision: number;
  readonly dataHash: string | null;
}

/** Records the series unless its points equal the last upload's. */
function decideMarketSeries(command: RecordMarketSeries, state: MarketSeriesState, meta: CommandMetadata): MarketSeriesUploaded[] {
  const dataHash = marketSeriesHash(command.points);
  if (state.dataHash === dataHash) return [];
  return [{ type: 'MarketSeriesUploaded', data: { seriesId: command.seriesId, revision: state.revision + 1, points: [...command.points], dataHash, uploadedAt: meta.at } }];
}

export const marketSeriesDecider: Decider<RecordMarketSeries, MarketSeriesUploaded, MarketSeriesState> = {
  initialState: { revision: 0, dataHash: null },
  evolve: (_state, event) => ({ revision: event.data.revision, dataHash: event.data.dataHash }),
  decide: decideMarketSeries,
};
