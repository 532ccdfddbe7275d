import type { MarketSeriesUploaded } from '../../domain/market/index.js';
import { marketSeriesTable, marketTablesDdl } from '../../read-models/index.js';
import type { ProjectedEvent, Projection, RowChange } from '../projection.js';

/** MarketSeriesUploaded (platform tenant) to the series' row of market_series. */
export function projectMarketEvent(event: ProjectedEvent): RowChange[] {
  if (event.eventType !== 'MarketSeriesUploaded' || event.payload === null) return [];
  const d = event.payload as MarketSeriesUploaded['data'];
  return [
    {
      kind: 'upsert',
      table: marketSeriesTable,
      row: {
        tenant_id: event.tenantId,
        series_id: d.seriesId,
        revision: d.revision,
        data_hash: d.dataHash,
        point_count: d.points.length,
        first_date: d.points[0].date,
        last_date: d.points[d.points.length - 1].date,
        points: d.points,
        uploaded_at: d.uploadedAt,
      },
    },
  ];
}

/** The market projection, version 1: market_series. */
export const marketProjection: Projection = {
  name: 'market',
  version: 1,
  tables: [marketSeriesTable],
  ddl: marketTablesDdl,
  project: projectMarketEvent,
};
