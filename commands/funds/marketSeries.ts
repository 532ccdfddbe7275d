/**
 * Platform market data: a CSV of weekly index and comparable-asset returns
 * (`series_id,date,value`, one row per series and week) becomes one MarketSeriesUploaded
 * per series whose points changed, in the platform tenant. Any problem rejects the file whole.
 */
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import { assertIsPlatformAdministrator } from '../../domain/funds/index.js';
import { marketSeriesDecider, marketSeriesStreamId, MarketPoint, SeriesId } from '../../domain/market/index.js';
import { CommandMetadata } from '../../domain/organizations/index.js';
import type { EventLog } from '../../domain/ports/index.js';
import { cellAt, type Cell } from '../ingest/cells.js';
import type { Problem } from '../ingest/index.js';
import { readCsvTable } from '../ingest/readCsv.js';
import { parseOrThrow } from '../commandMetadata.js';
import { handleCommand } from '../handleCommand.js';

const COLUMNS = ['series_id', 'date', 'value'] as const;

export type MarketCsvResult = { readonly ok: true; readonly series: ReadonlyMap<string, MarketPoint[]> } | { readonly ok: false; readonly problems: readonly Problem[] };

const textOf = (cell: Cell): string => (cell.kind === 'text' ? cell.text.trim() : '');

/** Parses a market CSV; series' points come back sorted by date. */
export function parseMarketCsv(bytes: Uint8Array, fileName: string): MarketCsvResult {
  const table = readCsvTable(bytes, fileName);
  if (!table.ok) return { ok: false, problems: [table.problem] };
  const problems: Problem[] = [];
  const at = (row: number, column: number | null, message: string): void => {
    problems.push({ code: 'value_not_allowed', sheet: fileName, row, column: column === null ? null : 'ABC'[column], field: column === null ? null : COLUMNS[column], message });
  };
  const [header, ...rows] = table.table.rows;
  const names = header === undefined ? [] : header.cells.map((c) => textOf(c).toLowerCase());
  if (names.join(',') !== COLUMNS.join(',')) {
    return { ok: false, problems: [{ code: 'header_missing', sheet: fileName, row: 1, column: null, field: null, message: `the first row must be exactly: ${COLUMNS.join(',')}` }] };
  }
  const series = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const [id, date, valueText] = [0, 1, 2].map((c) => textOf(cellAt(row, c)));
    if (!SeriesId.safeParse(id).success) at(row.number, 0, 'a series id is letters, digits, ".", "_" and "-" (at most 100 characters)');
    const value = valueText === '' ? Number.NaN : Number(valueText);
    const point = MarketPoint.safeParse({ date, value });
    if (!point.success) {
      if (!MarketPoint.shape.date.safeParse(date).success) at(row.number, 1, 'write dates as YYYY-MM-DD (e.g. 2024-03-29)');
      if (!Number.isFinite(value)) at(row.number, 2, 'write the value as a plain number with a dot for decimals (e.g. -0.0123)');
      continue;
    }
    const points = series.get(id) ?? new Map<string, number>();
    if (points.has(date)) at(row.number, 1, `series ${id} has a second row for ${date}`);
    points.set(date, value);
    series.set(id, points);
  }
  if (series.size === 0 && problems.length === 0) at(1, null, 'the file has no data rows');
  if (problems.length > 0) return { ok: false, problems };
  const sorted = new Map<string, MarketPoint[]>();
  for (const [id, points] of series)
    sorted.set(
      id,
      [...points].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value })),
    );
  return { ok: true, series: sorted };
}

/** Per series: the revision now recorded, or `unchanged` when the points equal the last upload. */
export type MarketUploadResult =
  | { readonly ok: true; readonly series: Readonly<Record<string, { readonly revision: number | null; readonly points: number; readonly outcome: 'recorded' | 'unchanged' }>> }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Uploads market series (super_admin or operator) into the platform tenant. */
export async function handleMarketUpload(log: EventLog, bytes: Uint8Array, fileName: string, rawMeta: CommandMetadata): Promise<MarketUploadResult> {
  const meta = parseOrThrow(CommandMetadata, rawMeta, 'command metadata');
  assertIsPlatformAdministrator(meta.actor);
  const parsed = parseMarketCsv(bytes, fileName);
  if (!parsed.ok) return parsed;
  const result: Record<string, { revision: number | null; points: number; outcome: 'recorded' | 'unchanged' }> = {};
  for (const [seriesId, points] of parsed.series) {
    const target = { tenantId: PLATFORM_TENANT_ID, streamId: marketSeriesStreamId(seriesId) };
    const outcome = await handleCommand(log, marketSeriesDecider, target, { type: 'RecordMarketSeries', seriesId, points }, meta);
    const recorded = outcome.events[0];
    result[seriesId] = { revision: recorded?.data.revision ?? null, points: points.length, outcome: recorded === undefined ? 'unchanged' : 'recorded' };
  }
  return { ok: true, series: result };
}
