import { describe, expect, it } from 'vitest';
import { specFor } from '../../test/kit/decider.js';
import { canonicalFundTable } from '../identity/canonicalTable.js';
import { decideFundUpload, type FundUploadInput } from './decideUpload.js';
import type { FundEvent, FundNameEvent } from './events.js';
import type { FundData } from './fundData.js';
import { evolveFund, initialFundState, type FundState } from './fundState.js';
import { evolveFundName, initialFundNameState, type FundNameState } from './nameState.js';

type UploadEvent = FundNameEvent | FundEvent;
interface UploadState {
  readonly name: FundNameState;
  readonly fund: FundState;
}

/**
 * decideFundUpload reads two streams (the fund-name stream and the uploaded identity's fund
 * stream); this adapter folds each given event into the stream it belongs to and returns
 * name events before fund events, the order they are appended in.
 */
const uploadDecider = {
  initialState: { name: initialFundNameState, fund: initialFundState } as UploadState,
  evolve(state: UploadState, event: UploadEvent): UploadState {
    if (event.type === 'FundIdentityRegistered' || event.type === 'FundRenamed') return { ...state, name: evolveFundName(state.name, event) };
    return { ...state, fund: evolveFund(state.fund, event) };
  },
  decide(input: FundUploadInput, state: UploadState): UploadEvent[] {
    const decision = decideFundUpload(state.name, state.fund, input);
    return [...decision.nameEvents, ...decision.fundEvents];
  },
};
const given = specFor(uploadDecider, null);

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
  at: T1,
  ...over,
});

const registered = (i: FundUploadInput): FundNameEvent => ({
  type: 'FundIdentityRegistered',
  data: { fundIdentityHash: i.fundIdentityHash, fileIdentityHash: i.fileIdentityHash, filename: i.filename, fundName: i.fundName, uploadId: i.uploadId, registeredAt: i.at },
});
const recorded = (i: FundUploadInput, version: number): FundEvent => ({
  type: 'FundDataVersionRecorded',
  data: { fundIdentityHash: i.fundIdentityHash, version, dataHash: i.dataHash, fundName: i.fundName, uploadId: i.uploadId, series: i.series, recordedAt: i.at },
});

const first = input();
const renamedTo = input({ uploadId: UPLOAD_2, filename: 'fund-b.xlsx', fileIdentityHash: FILE_B, fundIdentityHash: IDENTITY_B, at: T2 });

describe('decideFundUpload', () => {
  it('registers a fund identity seen for the first time and records version 1', () => {
    given([])
      .when(first)
      .then([registered(first), recorded(first, 1)]);
    const decision = decideFundUpload(initialFundNameState, initialFundState, first);
    expect(decision.outcome).toBe('new');
    expect(decision.version).toBe(1);
  });

  it('records new data of a known identity as the next version, without registering again', () => {
    const second = input({ uploadId: UPLOAD_2, dataHash: DATA_2, series: canonicalFundTable(data(2_000_000)), at: T2 });
    given([registered(first), recorded(first, 1)])
      .when(second)
      .then([recorded(second, 2)]);
  });

  it('numbers a version after the highest one recorded', () => {
    const v2 = input({ dataHash: DATA_2, series: canonicalFundTable(data(2_000_000)) });
    const third = input({ uploadId: UPLOAD_2, dataHash: hex('f'), series: canonicalFundTable(data(3_000_000)), at: T2 });
    given([registered(first), recorded(first, 1), recorded(v2, 2)])
      .when(third)
      .then([recorded(third, 3)]);
    const fund = [recorded(first, 1), recorded(v2, 2)].reduce(evolveFund, initialFundState);
    const decision = decideFundUpload([registered(first)].reduce(evolveFundName, initialFundNameState), fund, third);
    expect(decision).toMatchObject({ outcome: 'new_version', version: 3 });
  });

  it('ignores data the identity already has, pointing at the version that holds it', () => {
    const again = input({ uploadId: UPLOAD_2, at: T2 });
    const v2 = input({ dataHash: DATA_2, series: canonicalFundTable(data(2_000_000)) });
    given([registered(first), recorded(first, 1), recorded(v2, 2)])
      .when(again)
      .then([
        {
          type: 'DuplicateDataIgnored',
          data: { fundIdentityHash: IDENTITY_A, dataHash: DATA_1, duplicateOfVersion: 1, uploadId: UPLOAD_2, ignoredAt: T2 },
        },
      ]);
    const name = [registered(first)].reduce(evolveFundName, initialFundNameState);
    const fund = [recorded(first, 1), recorded(v2, 2)].reduce(evolveFund, initialFundState);
    expect(decideFundUpload(name, fund, again)).toMatchObject({ outcome: 'duplicate', version: 1 });
  });

  it('detects a rename when the name is held by another identity, and the alias points old -> new', () => {
    const renamed: FundNameEvent = {
      type: 'FundRenamed',
      data: {
        fundName: 'Alpha Buyout I',
        fromIdentityHash: IDENTITY_A,
        toIdentityHash: IDENTITY_B,
        fromFilename: 'fund-a.xlsx',
        toFilename: 'fund-b.xlsx',
        uploadId: UPLOAD_2,
        renamedAt: T2,
      },
    };
    // The fund stream given here is IDENTITY_B's, which has no data yet.
    given([registered(first)])
      .when(renamedTo)
      .then([registered(renamedTo), renamed, recorded(renamedTo, 1)]);

    const nameBefore = [registered(first)].reduce(evolveFundName, initialFundNameState);
    const decision = decideFundUpload(nameBefore, initialFundState, renamedTo);
    expect(decision).toMatchObject({ outcome: 'renamed', version: 1 });
    const nameAfter = decision.nameEvents.reduce(evolveFundName, nameBefore);
    expect(nameAfter.aliases.get(IDENTITY_A)).toBe(IDENTITY_B);
    expect(nameAfter.current).toEqual({ identity: IDENTITY_B, filename: 'fund-b.xlsx' });
    expect([...nameAfter.identities].sort()).toEqual([IDENTITY_A, IDENTITY_B]);
  });

  it('renaming back to an earlier identity drops its alias and registers nothing new', () => {
    const nameBefore = [registered(first)].reduce(evolveFundName, initialFundNameState);
    const toB = decideFundUpload(nameBefore, initialFundState, renamedTo);
    const atB = toB.nameEvents.reduce(evolveFundName, nameBefore);
    const back = input({ uploadId: UPLOAD_2, dataHash: DATA_2, series: canonicalFundTable(data(2_000_000)), at: T2 });
    const fundA = [recorded(first, 1)].reduce(evolveFund, initialFundState);
    const decision = decideFundUpload(atB, fundA, back);
    expect(decision.nameEvents.map((e) => e.type)).toEqual(['FundRenamed']);
    expect(decision).toMatchObject({ outcome: 'renamed', version: 2 });
    const atA = decision.nameEvents.reduce(evolveFundName, atB);
    expect(atA.aliases.get(IDENTITY_B)).toBe(IDENTITY_A);
    expect(atA.aliases.has(IDENTITY_A)).toBe(false);
  });

  it('reports a renamed upload with already-known data as renamed, still ignoring the duplicate', () => {
    const nameAtB = [registered(first), registered(renamedTo)].reduce(evolveFundName, initialFundNameState);
    // registered(first) set current to A; B registered later but A still holds the name.
    const fundB = [recorded(renamedTo, 1)].reduce(evolveFund, initialFundState);
    const decision = decideFundUpload(nameAtB, fundB, { ...renamedTo, uploadId: UPLOAD_1 });
    expect(decision.nameEvents.map((e) => e.type)).toEqual(['FundRenamed']);
    expect(decision.fundEvents.map((e) => e.type)).toEqual(['DuplicateDataIgnored']);
    expect(decision).toMatchObject({ outcome: 'renamed', version: 1 });
  });
});
