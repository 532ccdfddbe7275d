/**
 * The canonical fund table read back (the series FundDataVersionRecorded v2 carries): every
 * table canonicalFundTable writes reads back to data with the same table, and text it
 * could not have written is refused. Also the v1 -> v2 upcast of the event.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEventRegistry } from '../../domain/eventCatalogue.js';
import type { FundData } from '../../domain/funds/index.js';
import { CanonicalTableError, canonicalFundTable, dataHash, fundDataFromCanonicalTable } from '../../domain/identity/index.js';
import { syntheticFunds } from '../bench/ingest/syntheticFunds.js';

const vectors = JSON.parse(readFileSync(new URL('../reference/identity_vectors.json', import.meta.url), 'utf8')) as { data: { label: string; data: FundData }[] };

/** The data with each kind's rows in canonical order (date, published date, source, liquidating, amount as text). */
function canonicalOrder(data: FundData): FundData {
  const table = canonicalFundTable(data);
  return fundDataFromCanonicalTable(table);
}

describe('fundDataFromCanonicalTable', () => {
  const cases: [string, FundData][] = [...vectors.data.map((v) => [v.label, v.data] as [string, FundData]), ...syntheticFunds(3, 2).map((f) => [f.name, f.data] as [string, FundData])];

  it.each(cases)('reads back %s: the same table, the same data hash, the same rows', (_label, data) => {
    const read = fundDataFromCanonicalTable(canonicalFundTable(data));
    expect(canonicalFundTable(read)).toBe(canonicalFundTable(data));
    expect(dataHash(read)).toBe(dataHash(data));
    for (const kind of ['contributions', 'distributions', 'navs', 'prices'] as const) {
      // Text comes back NFC, as the table holds it (the parser's text is NFC already).
      const key = (row: object) => JSON.stringify(row, Object.keys(row).sort()).normalize('NFC');
      expect(read[kind].map(key).sort()).toEqual(data[kind].map(key).sort());
    }
    expect(read.attributes).toEqual(data.attributes);
  });

  it('keeps rows of one kind and date in the table order, whatever the upload order', () => {
    const base = syntheticFunds(1, 1)[0].data;
    const twice = { ...base, contributions: [...base.contributions, { date: base.contributions[0].date, amount: 20 }, { date: base.contributions[0].date, amount: 100 }] };
    const reversed = { ...twice, contributions: [...twice.contributions].reverse() };
    expect(canonicalOrder(reversed)).toEqual(canonicalOrder(twice));
    expect(
      canonicalOrder(twice)
        .contributions.filter((c) => c.date === base.contributions[0].date)
        .map((c) => c.amount),
    ).toEqual([100, 20, base.contributions[0].amount].sort((a, b) => (String(a) < String(b) ? -1 : 1)));
  });

  it('refuses text canonicalFundTable cannot have written', () => {
    const table = canonicalFundTable(vectors.data[0].data);
    const edits: [string, string][] = [
      ['trailing text', `${table}x`],
      ['a missing row', table.replace(/\n[^\n]*\n$/, '\n')],
      ['another head', table.replace('navcast-fund-data/v1', 'navcast-fund-data/v2')],
      ['an unknown kind', table.replace(',contribution,', ',call,')],
      ['an impossible date', table.replace(/,(\d{4})-\d{2}-\d{2},contribution/, ',$1-02-30,contribution')],
      ['a negative amount', table.replace(/\n(\d)/, '\n-$1')],
      ['an exponent', table.replace(/\n(\d+)/, '\n1e5')],
      ['an unclosed quote', `${table.slice(0, -1)}"\n`],
    ];
    for (const [what, text] of edits) {
      expect(text, what).not.toBe(table);
      expect(() => fundDataFromCanonicalTable(text), what).toThrow(CanonicalTableError);
    }
  });
});

describe('FundDataVersionRecorded v1 -> v2', () => {
  it('upcasts the inline data of a v1 event to its canonical table', () => {
    const data = vectors.data[0].data;
    const v1 = {
      fundIdentityHash: 'a'.repeat(64),
      version: 1,
      dataHash: dataHash(data),
      fundName: 'Alpha',
      uploadId: '11111111-1111-4111-8111-111111111111',
      data,
      recordedAt: '2025-01-01T00:00:00.000Z',
    };
    const { data: _inline, ...rest } = v1;
    expect(createEventRegistry().decode('FundDataVersionRecorded', 1, v1)).toEqual({ ...rest, series: canonicalFundTable(data) });
  });

  it('refuses a v1 event whose data is not fund data', () => {
    const broken = {
      fundIdentityHash: 'a'.repeat(64),
      version: 1,
      dataHash: 'b'.repeat(64),
      fundName: 'Alpha',
      uploadId: '11111111-1111-4111-8111-111111111111',
      data: { rows: 1 },
      recordedAt: '2025-01-01T00:00:00.000Z',
    };
    expect(() => createEventRegistry().decode('FundDataVersionRecorded', 1, broken)).toThrow();
  });
});
