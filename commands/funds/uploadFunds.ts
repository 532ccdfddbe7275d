/**
 * The upload command: a member's workbook becomes events. The blob is stored first
 * (content-addressed), then parsed; a workbook with any problem appends nothing and its
 * blob is removed again. An accepted one appends, in one transaction, FileUploaded and per
 * fund FundIdentityRegistered (first time), FundRenamed (name moved to another file) and
 * FundDataVersionRecorded or DuplicateDataIgnored, each stream at its expected version;
 * a concurrent upload of the same fund makes the append fail, and the handler reloads and
 * decides again, so versions stay dense. Idempotent by command id (= upload id).
 */
import { fold } from '../../domain/decider.js';
import {
  assertMayActInOrganization,
  fundNameStreamId,
  fundStreamId,
  fundUploadDecider,
  fundUploadResult,
  isFundNameEvent,
  uploadStreamId,
  type FileUploaded,
  type FundUploadEvent,
  type FundUploadOutcome,
  type UploadSource,
} from '../../domain/funds/index.js';
import { fileIdentityHash, fundIdentityHash } from '../../domain/identity/index.js';
import { CommandMetadata } from '../../domain/organizations/index.js';
import type { BlobStore } from '../../domain/ports/blobStore.js';
import type { ReadStreamResult } from '../../domain/ports/index.js';
import { readUpload, type ParseOptions, type PhaseListener, type Problem, type ReadFund, type WorkbookReader } from '../ingest/index.js';
import { newEvents, parseOrThrow } from '../commandMetadata.js';
import { expectedVersionOf, retryOnConflict, toDomainEvent } from '../handleCommand.js';
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
  return await retryOnConflict(deps.maxAttempts ?? 20, async () => {
    const streams = await deps.log.readStreams(orgId, [uploadStreamId(uploadId), ...funds.flatMap((f) => [f.nameStream, f.fundStream])]);
    lap('read_streams');
    const uploadStream = streams.get(uploadStreamId(uploadId))!;
    if (uploadStream.currentVersion >= 0) return { ...accepted, replayed: true, funds: replayedResults(funds, streams, meta.commandId) };
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
    const appends: StreamAppend[] = [{ streamId: uploadStreamId(uploadId), events: newEvents(meta, uploadStreamId(uploadId), [fileUploaded]), expectedVersion: 'no_stream' }];
    const results: Record<string, FundUploadResult> = {};
    for (const fund of funds) {
      const nameStream = streams.get(fund.nameStream)!;
      const fundStream = streams.get(fund.fundStream)!;
      const state = fold(
        fundUploadDecider,
        [...nameStream.events, ...fundStream.events].map((e) => toDomainEvent<FundUploadEvent>(e)),
      );
      const input = { uploadId, filename, fileIdentityHash: fileHash, fundName: fund.name, fundIdentityHash: fund.identity, dataHash: fund.dataHash, series: fund.series };
      const decided = fundUploadDecider.decide(input, state, meta);
      const nameEvents = decided.filter(isFundNameEvent);
      if (nameEvents.length > 0) appends.push({ streamId: fund.nameStream, events: newEvents(meta, fund.nameStream, nameEvents), expectedVersion: expectedVersionOf(nameStream) });
      appends.push({
        streamId: fund.fundStream,
        events: newEvents(
          meta,
          fund.fundStream,
          decided.filter((e) => !isFundNameEvent(e)),
        ),
        expectedVersion: expectedVersionOf(fundStream),
      });
      results[fund.name] = { identityHash: fund.identity, dataHash: fund.dataHash, ...fundUploadResult(decided) };
    }
    lap('decide');
    const appended = await deps.log.appendAtomically(orgId, appends);
    lap('append');
    // The orphan sweep may have taken an old copy of these bytes between our put and the
    // append (docs/operations.md, "Blob sweep"); now that an event refers to it, make sure it is there.
    if (!blob.created && !(await deps.blobs.exists(blob.key))) {
      await deps.blobs.put(request.bytes, { namespace: `uploads/${orgId}`, contentType: contentTypeOf(request.filename) });
    }
    return { ...accepted, replayed: appended.every((a) => a.replayed), funds: results };
  });
}

/** The results of an upload recorded earlier, read back from the events of its command. */
function replayedResults(funds: readonly PreparedFund[], streams: Map<string, ReadStreamResult>, commandId: string): Record<string, FundUploadResult> {
  const results: Record<string, FundUploadResult> = {};
  for (const fund of funds) {
    const ofCommand = [fund.nameStream, fund.fundStream].flatMap((id) => streams.get(id)!.events.filter((e) => e.metadata.commandId === commandId));
    results[fund.name] = { identityHash: fund.identity, dataHash: fund.dataHash, ...fundUploadResult(ofCommand.map((e) => toDomainEvent<FundUploadEvent>(e))) };
  }
  return results;
}

function contentTypeOf(filename: string): string {
  return filename.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}
