/**
 * The upload command: a member's workbook becomes events. The blob is stored first
 * (content-addressed), then parsed; a workbook with any problem appends nothing and its
 * blob is removed again. An accepted one appends, in one transaction, FileUploaded and per
 * fund FundIdentityRegistered (first time), FundRenamed (name moved to another file) and
 * FundDataVersionRecorded or DuplicateDataIgnored, each stream at its expected version;
 * a concurrent upload of the same fund makes the append fail, and the handler reloads and
 * decides again, so versions stay dense. Idempotent by command id (= upload id).
 */
import { ConcurrencyError, StreamOrderConflictError } from '../../domain/errors.js';
import type { RecordedEvent } from '../../domain/events/index.js';
import {
  assertMayActInOrganization,
  decideFundUpload,
  evolveFund,
  evolveFundName,
  fundNameStreamId,
  fundStreamId,
  initialFundNameState,
  initialFundState,
  uploadStreamId,
  type FileUploaded,
  type FundEvent,
  type FundNameEvent,
  type FundUploadOutcome,
  type UploadSource,
} from '../../domain/funds/index.js';
import { fileIdentityHash, fundIdentityHash } from '../../domain/identity/index.js';
import { CommandMetadata } from '../../domain/organizations/index.js';
import type { BlobStore } from '../../domain/ports/blobStore.js';
import type { ReadStreamResult } from '../../domain/ports/index.js';
import { readUpload, type ParseOptions, type PhaseListener, type Problem, type ReadFund, type WorkbookReader } from '../ingest/index.js';
import { parseOrThrow } from '../commandMetadata.js';
import { newEvents } from './metadata.js';
import type { MultiStreamLog, StreamAppend } from './multiStreamLog.js';

/** What the upload handler works with. */
export interface UploadDependencies {
  readonly log: MultiStreamLog;
  readonly blobs: BlobStore;
  readonly parseOptions?: ParseOptions;
  /**
   * Reads the workbook: readUpload in this thread by default (the CLI); the portal passes a
   * ParserPool's `read`, which keeps parsing and canonicalising off its event loop.
   */
  readonly read?: WorkbookReader;
  /** Attempts on concurrent writers before giving up (default 20). */
  readonly maxAttempts?: number;
  /** Told the wall time of each phase: store, the parse phases, hash, read, append (benchmarks and traces). */
  readonly onPhase?: PhaseListener;
}

export interface UploadRequest {
  readonly orgId: string;
  readonly filename: string;
  readonly bytes: Uint8Array;
  readonly source: UploadSource;
}

/** One fund's result, keyed by fund name in UploadAccepted.funds. */
export interface FundUploadResult {
  readonly identityHash: string;
  readonly dataHash: string;
  readonly version: number;
  readonly outcome: FundUploadOutcome;
}

export type UploadResult =
  | {
      readonly ok: true;
      readonly uploadId: string;
      readonly fileIdentityHash: string;
      readonly blobKey: string;
      /** True when this command id had been handled before: nothing new was appended. */
      readonly replayed: boolean;
      readonly funds: Readonly<Record<string, FundUploadResult>>;
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

interface PreparedFund extends ReadFund {
  readonly identity: string;
  readonly nameStream: string;
  readonly fundStream: string;
}

const expectedOf = (stream: ReadStreamResult) => (stream.currentVersion < 0 ? ('no_stream' as const) : stream.currentVersion);

function prepare(orgId: string, filename: string, funds: readonly ReadFund[]): PreparedFund[] {
  return funds.map((fund) => {
    const identity = fundIdentityHash(orgId, filename, fund.name);
    return { ...fund, identity, nameStream: fundNameStreamId(orgId, fund.name), fundStream: fundStreamId(identity) };
  });
}

/** Handles one upload; see the module comment. Throws ForbiddenError before storing anything. */
export async function handleUpload(deps: UploadDependencies, request: UploadRequest, rawMeta: CommandMetadata): Promise<UploadResult> {
  const meta = parseOrThrow(CommandMetadata, rawMeta, 'command metadata');
  const orgId = request.orgId.toLowerCase();
  assertMayActInOrganization(meta.actor, orgId, 'member');
  const uploadId = meta.commandId;
  let mark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    deps.onPhase?.(phase, now - mark);
    mark = now;
  };
  const blob = await deps.blobs.put(request.bytes, { namespace: `uploads/${orgId}`, contentType: contentTypeOf(request.filename) });
  lap('store');
  const parsed = await (deps.read ?? readUpload)(request.bytes, request.filename, { ...deps.parseOptions, onPhase: deps.onPhase ?? deps.parseOptions?.onPhase });
  mark = performance.now();
  if (!parsed.ok) {
    // Rejected bytes are never referenced by an event (the parse is deterministic), so the
    // blob this call created can go; one that existed before belongs to someone else's call.
    if (blob.created) await deps.blobs.deleteUnreferenced(blob.key);
    return { ok: false, problems: parsed.problems };
  }
  const filename = request.filename.normalize('NFC').trim();
  const fileHash = fileIdentityHash(orgId, filename);
  const funds = prepare(orgId, filename, parsed.funds);
  lap('hash');
  const accepted = { ok: true as const, uploadId, fileIdentityHash: fileHash, blobKey: blob.key };
  const maxAttempts = deps.maxAttempts ?? 20;
  for (let attempt = 1; ; attempt++) {
    const streams = await deps.log.readStreams(orgId, [uploadStreamId(uploadId), ...funds.flatMap((f) => [f.nameStream, f.fundStream])]);
    lap('read_streams');
    const uploadStream = streams.get(uploadStreamId(uploadId))!;
    if (uploadStream.currentVersion >= 0) return { ...accepted, replayed: true, funds: replayedResults(funds, streams, meta.commandId) };
    const appends: StreamAppend[] = [];
    const results: Record<string, FundUploadResult> = {};
    const fileUploaded: FileUploaded = {
      type: 'FileUploaded',
      data: {
        uploadId,
        fileIdentityHash: fileHash,
        filename,
        blobKey: blob.key,
        sha256: blob.sha256,
        sizeBytes: blob.size,
        source: request.source,
        funds: funds.map((f) => ({ fundName: f.name, fundIdentityHash: f.identity, dataHash: f.dataHash })),
        uploadedAt: meta.at,
      },
    };
    appends.push({ streamId: uploadStreamId(uploadId), events: newEvents(meta, uploadStreamId(uploadId), [fileUploaded]), expectedVersion: 'no_stream' });
    for (const fund of funds) {
      const nameStream = streams.get(fund.nameStream)!;
      const fundStream = streams.get(fund.fundStream)!;
      const nameState = nameStream.events.map((e) => toEvent<FundNameEvent>(e)).reduce(evolveFundName, initialFundNameState);
      const fundState = fundStream.events.map((e) => toEvent<FundEvent>(e)).reduce(evolveFund, initialFundState);
      const input = { uploadId, filename, fileIdentityHash: fileHash, fundName: fund.name, fundIdentityHash: fund.identity, dataHash: fund.dataHash, series: fund.series, at: meta.at };
      const decision = decideFundUpload(nameState, fundState, input);
      if (decision.nameEvents.length > 0) {
        appends.push({ streamId: fund.nameStream, events: newEvents(meta, fund.nameStream, decision.nameEvents), expectedVersion: expectedOf(nameStream) });
      }
      appends.push({ streamId: fund.fundStream, events: newEvents(meta, fund.fundStream, decision.fundEvents), expectedVersion: expectedOf(fundStream) });
      results[fund.name] = { identityHash: fund.identity, dataHash: fund.dataHash, version: decision.version, outcome: decision.outcome };
    }
    try {
      lap('decide');
      const appended = await deps.log.appendAtomically(orgId, appends);
      lap('append');
      // The orphan sweep may have taken an old copy of these bytes between our put and the
      // append (docs/operations.md, "Blob sweep"); now that an event refers to it, make sure it is there.
      if (!blob.created && !(await deps.blobs.exists(blob.key))) {
        await deps.blobs.put(request.bytes, { namespace: `uploads/${orgId}`, contentType: contentTypeOf(request.filename) });
      }
      return { ...accepted, replayed: appended.every((a) => a.replayed), funds: results };
    } catch (error) {
      const concurrent = error instanceof ConcurrencyError || error instanceof StreamOrderConflictError;
      if (!concurrent || attempt >= maxAttempts) throw error;
      // Back off a little at random so that racing uploads of one fund do not collide forever.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

function toEvent<E>(event: RecordedEvent): E {
  // The log decoded the payload through the registry, whose schemas are these types'.
  return { type: event.eventType, data: event.payload } as E;
}

/** The results of an upload recorded earlier, read back from the events of its command. */
function replayedResults(funds: readonly PreparedFund[], streams: Map<string, ReadStreamResult>, commandId: string): Record<string, FundUploadResult> {
  const results: Record<string, FundUploadResult> = {};
  for (const fund of funds) {
    const ofCommand = (id: string) => streams.get(id)!.events.filter((e) => e.metadata.commandId === commandId);
    const nameEvents = ofCommand(fund.nameStream);
    const fundEvent = toEvent<FundEvent>(ofCommand(fund.fundStream)[0]);
    const renamed = nameEvents.some((e) => e.eventType === 'FundRenamed');
    const firstInName = nameEvents.length > 0 && nameEvents[0].streamVersion === 0;
    let outcome: FundUploadOutcome = renamed ? 'renamed' : firstInName ? 'new' : 'new_version';
    let version = 0;
    if (fundEvent.type === 'DuplicateDataIgnored') {
      version = fundEvent.data.duplicateOfVersion;
      if (!renamed) outcome = 'duplicate';
    } else if (fundEvent.type === 'FundDataVersionRecorded') {
      version = fundEvent.data.version;
    }
    results[fund.name] = { identityHash: fund.identity, dataHash: fund.dataHash, version, outcome };
  }
  return results;
}

function contentTypeOf(filename: string): string {
  return filename.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}
