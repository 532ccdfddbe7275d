import { describe, expect, it } from 'vitest';
import { specFor, specMeta } from '../../test/kit/decider.js';
import { fold } from '../decider.js';
import { canonicalFundTable } from '../identity/canonicalTable.js';
import { fundUploadDecider, fundUploadResult, isFundNameEvent, type FundUploadEvent, type FundUploadInput } from './decideUpload.js';
import type { FundEvent, FundNameEvent } from './events.js';
import type { FundData } from './fundData.js';

const hex = (c: string): string => c.repeat(64);
const IDENTITY_A = hex('a');
const IDENTITY_B = hex('b');
const FILE_A = hex('1');
const FILE_B = hex('2');
const DATA_1 = hex('d');
const DATA_2 = hex('e');
const UPLOAD_1 = '11111111-1111-4111-8111-111111111111';
const UPLOAD_2 = '22222222-2222-4222-8222-222222222222';
const T1 = '2025-01-10T09:00:00.000Z';
const T2 = '2025-02-10T09:00:00.000Z';

/** Uploads in these specs happen at T1 unless `when` is given T2's metadata. */
const given = specFor(fundUploadDecider, specMeta(T1));
const atT2 = specMeta(T2);

const data = (commitment: number): FundData => ({
  attributes: { currency: 'EUR', commitment, vintage: 2018, strategy: 'buyout' },
  contributions: [{ date: '2018-03-31', amount: commitment / 4 }],
  distributions: [],
  navs: [{ valueDate: '2018-06-30', publishedDate: null, amount: commitment / 4 }],
  prices: [],
});

const input = (over: Partial<FundUploadInput> = {}): FundUploadInput => ({
  uploadId: UPLOAD_1,
  filename: 'fund-a.xlsx',
  fileIdentityHash: FILE_A,
  fundName: 'Alpha Buyout I',
  fundIdentityHash: IDENTITY_A,
  dataHash: DATA_1,
  series: canonicalFundTable(data(1_000_000)),
  ...over,
});

const registered = (i: FundUploadInput, at = T1): FundNameEvent => ({
  type: 'FundIdentityRegistered',
  data: { fundIdentityHash: i.fundIdentityHash, fileIdentityHash: i.fileIdentityHash, filename: i.filename, fundName: i.fundName, uploadId: i.uploadId, registeredAt: at },
});
const recorded = (i: FundUploadInput, version: number, at = T1): FundEvent => ({
  type: 'FundDataVersionRecorded',
  data: { fundIdentityHash: i.fundIdentityHash, version, dataHash: i.dataHash, fundName: i.fundName, uploadId: i.uploadId, series: i.series, recordedAt: at },
});
const renamedAToB: FundNameEvent = {
  type: 'FundRenamed',
  data: { fundName: 'Alpha Buyout I', fromIdentityHash: IDENTITY_A, toIdentityHash: IDENTITY_B, fromFilename: 'fund-a.xlsx', toFilename: 'fund-b.xlsx', uploadId: UPLOAD_2, renamedAt: T2 },
};

const first = input();
const renamedTo = input({ uploadId: UPLOAD_2, filename: 'fund-b.xlsx', fileIdentityHash: FILE_B, fundIdentityHash: IDENTITY_B });
const v2Of = (uploadId = UPLOAD_1) => input({ uploadId, dataHash: DATA_2, series: canonicalFundTable(data(2_000_000)) });
const nameStateAfter = (events: readonly FundUploadEvent[]) => fold(fundUploadDecider, events).name;

describe('fund upload decider', () => {
  it('registers a fund identity seen for the first time and records version 1', () => {
    const spec = given([]).when(first);
    spec.then([registered(first), recorded(first, 1)]);
    expect(fundUploadResult(spec.decided())).toEqual({ outcome: 'new', version: 1 });
  });

  it('records new data of a known identity as the next version, without registering again', () => {
    const second = v2Of(UPLOAD_2);
    const spec = given([registered(first), recorded(first, 1)]).when(second, atT2);
    spec.then([recorded(second, 2, T2)]);
    expect(fundUploadResult(spec.decided())).toEqual({ outcome: 'new_version', version: 2 });
  });

  it('numbers a version after the highest one recorded', () => {
    const third = input({ uploadId: UPLOAD_2, dataHash: hex('f'), series: canonicalFundTable(data(3_000_000)) });
    const spec = given([registered(first), recorded(first, 1), recorded(v2Of(), 2)]).when(third, atT2);
    spec.then([recorded(third, 3, T2)]);
    expect(fundUploadResult(spec.decided())).toEqual({ outcome: 'new_version', version: 3 });
  });

  it('ignores data the identity already has, pointing at the version that holds it', () => {
    const again = input({ uploadId: UPLOAD_2 });
    const spec = given([registered(first), recorded(first, 1), recorded(v2Of(), 2)]).when(again, atT2);
    spec.then([{ type: 'DuplicateDataIgnored', data: { fundIdentityHash: IDENTITY_A, dataHash: DATA_1, duplicateOfVersion: 1, uploadId: UPLOAD_2, ignoredAt: T2 } }]);
    expect(fundUploadResult(spec.decided())).toEqual({ outcome: 'duplicate', version: 1 });
  });

  it('detects a rename when the name is held by another identity, and the alias points old -> new', () => {
    // The fund stream given here is IDENTITY_B's, which has no data yet.
    const spec = given([registered(first)]).when(renamedTo, atT2);
    spec.then([registered(renamedTo, T2), renamedAToB, recorded(renamedTo, 1, T2)]);
    expect(fundUploadResult(spec.decided())).toEqual({ outcome: 'renamed', version: 1 });
    const nameAfter = nameStateAfter([registered(first), ...spec.decided().filter(isFundNameEvent)]);
    expect(nameAfter.aliases.get(IDENTITY_A)).toBe(IDENTITY_B);
    expect(nameAfter.current).toEqual({ identity: IDENTITY_B, filename: 'fund-b.xlsx' });
    expect([...nameAfter.identities].sort()).toEqual([IDENTITY_A, IDENTITY_B]);
  });

  it('renaming back to an earlier identity drops its alias and registers nothing new', () => {
    const atB = [registered(first), registered(renamedTo, T2), renamedAToB];
    const back = input({ uploadId: UPLOAD_2, dataHash: DATA_2, series: canonicalFundTable(data(2_000_000)) });
    // Name stream at B, fund stream of A (one version).
    const decided = given([...atB, recorded(first, 1)])
      .when(back, atT2)
      .decided();
    expect(decided.map((e) => e.type)).toEqual(['FundRenamed', 'FundDataVersionRecorded']);
    expect(fundUploadResult(decided)).toEqual({ outcome: 'renamed', version: 2 });
    const atA = nameStateAfter([...atB, ...decided.filter(isFundNameEvent)]);
    expect(atA.aliases.get(IDENTITY_B)).toBe(IDENTITY_A);
    expect(atA.aliases.has(IDENTITY_A)).toBe(false);
  });

  it('reports a renamed upload with already-known data as renamed, still ignoring the duplicate', () => {
    // registered(first) set current to A; B registered later but A still holds the name.
    const decided = given([registered(first), registered(renamedTo), recorded(renamedTo, 1)])
      .when({ ...renamedTo, uploadId: UPLOAD_1 })
      .decided();
    expect(decided.map((e) => e.type)).toEqual(['FundRenamed', 'DuplicateDataIgnored']);
    expect(fundUploadResult(decided)).toEqual({ outcome: 'renamed', version: 1 });
  });

  it('refuses to read a result from events that hold no data version (a corrupt record)', () => {
    expect(() => fundUploadResult([registered(first)])).toThrow(/neither/);
  });
});
