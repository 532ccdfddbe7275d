import type { FundEvent, FundNameEvent } from './events.js';
import type { FundState } from './fundState.js';
import type { FundNameState } from './nameState.js';

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
  readonly at: string;
}

/** What to append for one fund, and what to tell the uploader. */
export interface FundUploadDecision {
  readonly nameEvents: FundNameEvent[];
  readonly fundEvents: FundEvent[];
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
export function decideFundUpload(nameState: FundNameState, fundState: FundState, input: FundUploadInput): FundUploadDecision {
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
        registeredAt: input.at,
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
        renamedAt: input.at,
      },
    });
  }
  const earlier = fundState.versionsByDataHash.get(input.dataHash);
  const firstTime = previous === null;
  if (earlier !== undefined) {
    const fundEvents: FundEvent[] = [
      {
        type: 'DuplicateDataIgnored',
        data: { fundIdentityHash: input.fundIdentityHash, dataHash: input.dataHash, duplicateOfVersion: earlier, uploadId: input.uploadId, ignoredAt: input.at },
      },
    ];
    return { nameEvents, fundEvents, outcome: renamed ? 'renamed' : 'duplicate', version: earlier };
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
        recordedAt: input.at,
      },
    },
  ];
  return { nameEvents, fundEvents, outcome: firstTime ? 'new' : renamed ? 'renamed' : 'new_version', version };
}
