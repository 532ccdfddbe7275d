import type { Decider } from '../decider.js';
import { LogIntegrityError } from '../errors.js';
import type { CommandMetadata } from '../organizations/commands.js';
import type { FundEvent, FundNameEvent } from './events.js';
import { evolveFund, initialFundState, type FundState } from './fundState.js';
import { evolveFundName, initialFundNameState, type FundNameState } from './nameState.js';

/** How an uploaded fund was taken: first time, under a new file, same data again, or new data. */
export type FundUploadOutcome = 'new' | 'renamed' | 'duplicate' | 'new_version';

/** One fund of an accepted workbook, with its hashes computed. */
export interface FundUploadInput {
  readonly uploadId: string;
  readonly filename: string;
  readonly fileIdentityHash: string;
  readonly fundName: string;
  readonly fundIdentityHash: string;
  readonly dataHash: string;
  /** The fund's data as its canonical table (whose SHA-256 is dataHash). */
  readonly series: string;
}

/** The two streams one uploaded fund is decided on: its fund-name stream and its identity's fund stream. */
export interface FundUploadState {
  readonly name: FundNameState;
  readonly fund: FundState;
}

export type FundUploadEvent = FundNameEvent | FundEvent;

/** Which of the two streams an upload event belongs to. */
export function isFundNameEvent(event: FundUploadEvent): event is FundNameEvent {
  return event.type === 'FundIdentityRegistered' || event.type === 'FundRenamed';
}

/** What to tell the uploader about one fund, read from the events decided for it. */
export interface FundUploadResult {
  readonly outcome: FundUploadOutcome;
  /** The version now holding this data (new or the earlier duplicate). */
  readonly version: number;
}

/**
 * Decides one fund of an upload from its fund-name stream and fund stream. Registration
 * the first time an identity appears; FundRenamed when the name is currently held by
 * another identity (another file of the same org); then the next version, or
 * DuplicateDataIgnored when the identity already has this data hash.
 */
function decideFundUpload(input: FundUploadInput, { name: nameState, fund: fundState }: FundUploadState, meta: CommandMetadata): FundUploadEvent[] {
  const at = meta.at;
  const nameEvents: FundNameEvent[] = [];
  if (!nameState.identities.has(input.fundIdentityHash)) {
    nameEvents.push({
      type: 'FundIdentityRegistered',
      data: {
        fundIdentityHash: input.fundIdentityHash,
        fileIdentityHash: input.fileIdentityHash,
        filename: input.filename,
        fundName: input.fundName,
        uploadId: input.uploadId,
        registeredAt: at,
      },
    });
  }
  const previous = nameState.current;
  const renamed = previous !== null && previous.identity !== input.fundIdentityHash;
  if (renamed) {
    nameEvents.push({
      type: 'FundRenamed',
      data: {
        fundName: input.fundName,
        fromIdentityHash: previous.identity,
        toIdentityHash: input.fundIdentityHash,
        fromFilename: previous.filename,
        toFilename: input.filename,
        uploadId: input.uploadId,
        renamedAt: at,
      },
    });
  }
  const earlier = fundState.versionsByDataHash.get(input.dataHash);
  if (earlier !== undefined) {
    const fundEvents: FundEvent[] = [
      {
        type: 'DuplicateDataIgnored',
        data: { fundIdentityHash: input.fundIdentityHash, dataHash: input.dataHash, duplicateOfVersion: earlier, uploadId: input.uploadId, ignoredAt: at },
      },
    ];
    return [...nameEvents, ...fundEvents];
  }
  const version = fundState.lastVersion + 1;
  const fundEvents: FundEvent[] = [
    {
      type: 'FundDataVersionRecorded',
      data: {
        fundIdentityHash: input.fundIdentityHash,
        version,
        dataHash: input.dataHash,
        fundName: input.fundName,
        uploadId: input.uploadId,
        series: input.series,
        recordedAt: at,
      },
    },
  ];
  return [...nameEvents, ...fundEvents];
}

/** One fund of an upload, decided on the fold of its two streams (name events come first, the order they are appended in). */
export const fundUploadDecider: Decider<FundUploadInput, FundUploadEvent, FundUploadState> = {
  initialState: { name: initialFundNameState, fund: initialFundState },
  evolve: (state, event) => (isFundNameEvent(event) ? { ...state, name: evolveFundName(state.name, event) } : { ...state, fund: evolveFund(state.fund, event) }),
  decide: decideFundUpload,
};

/**
 * The outcome and version of one fund from the events its upload recorded, for a new upload
 * and a replayed one alike. A registration without a rename means the name was new (an
 * unknown identity under a held name is always a rename); a rename wins over a duplicate.
 */
export function fundUploadResult(events: readonly FundUploadEvent[]): FundUploadResult {
  const renamed = events.some((e) => e.type === 'FundRenamed');
  const registered = events.some((e) => e.type === 'FundIdentityRegistered');
  for (const event of events) {
    if (event.type === 'DuplicateDataIgnored') return { outcome: renamed ? 'renamed' : 'duplicate', version: event.data.duplicateOfVersion };
    if (event.type === 'FundDataVersionRecorded') return { outcome: renamed ? 'renamed' : registered ? 'new' : 'new_version', version: event.data.version };
  }
  throw new LogIntegrityError('an upload records a data version or a duplicate for every fund; these events hold neither');
}
