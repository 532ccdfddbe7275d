/**
 * The orphan sweep (docs/operations.md, "Blob sweep"): one mechanism, a rule per blob kind.
 * A rule names the key prefix of its kind, a grace period and how to tell which of a batch
 * of keys the record still refers to; the sweep lists the blobs under each prefix, leaves
 * the young and the referenced, and deletes (or, in a dry run, lists) the rest, each only if
 * it was not put again since it was listed. Uploads are the first kind; run artefacts join
 * with a rule of their own.
 */
import type { BlobStore, ListedBlob } from '../../domain/ports/blobStore.js';

/** What the record says about a batch of keys of one kind. */
export interface References {
  /** Keys an event refers to: kept. */
  readonly referenced: ReadonlySet<string>;
  /** Keys the record cannot clear (say, a redacted event might have named them): kept, with the reason. */
  readonly uncertain: ReadonlyMap<string, string>;
}

/** How one kind of blob is swept. */
export interface BlobKindRule {
  /** The kind's name in reports, e.g. `upload`. */
  readonly kind: string;
  /** The namespace prefix its blobs live under, e.g. `uploads`. */
  readonly prefix: string;
  /** Blobs modified less than this long ago are never touched: their command may still be writing events. */
  readonly graceMs: number;
  /** Which of `keys` the record refers to. */
  references(keys: readonly string[]): Promise<References>;
}

export interface SweepOptions {
  readonly now?: Date;
  /** List what would be removed, remove nothing. */
  readonly dryRun?: boolean;
  /** Keys asked about per references() call. */
  readonly batchSize?: number;
}

/** A blob the sweep removed or, in a dry run, would remove. */
export interface SweptBlob extends ListedBlob {
  readonly kind: string;
}

export interface SweepReport {
  readonly dryRun: boolean;
  readonly startedAt: string;
  /** Per kind: blobs seen, young (inside the grace period), referenced, kept as uncertain, removed. */
  readonly kinds: Readonly<Record<string, { scanned: number; young: number; referenced: number; uncertain: number; removed: number; bytesRemoved: number }>>;
  /** The orphans removed (or, in a dry run, found). */
  readonly orphans: readonly SweptBlob[];
  /** Orphans kept because the record could not clear them, with why. */
  readonly kept: readonly { readonly key: string; readonly reason: string }[];
  /** Temporary files of writes a crash left unfinished, removed (none in a dry run). */
  readonly abandonedWrites: number;
}

/** Runs every rule once over `store`. */
export async function sweepBlobs(store: BlobStore, rules: readonly BlobKindRule[], options: SweepOptions = {}): Promise<SweepReport> {
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? 500;
  const kinds: Record<string, SweepReport['kinds'][string]> = {};
  const orphans: SweptBlob[] = [];
  const kept: { key: string; reason: string }[] = [];
  for (const rule of rules) {
    const tally = { scanned: 0, young: 0, referenced: 0, uncertain: 0, removed: 0, bytesRemoved: 0 };
    kinds[rule.kind] = tally;
    const cutoff = now.getTime() - rule.graceMs;
    let batch: ListedBlob[] = [];
    const settle = async (): Promise<void> => {
      const refs = await rule.references(batch.map((blob) => blob.key));
      for (const blob of batch) {
        if (refs.referenced.has(blob.key)) {
          tally.referenced++;
          continue;
        }
        const reason = refs.uncertain.get(blob.key);
        if (reason !== undefined) {
          tally.uncertain++;
          kept.push({ key: blob.key, reason });
          continue;
        }
        if (!dryRun && !(await store.deleteIfUnchangedSince(blob.key, blob.modifiedAt))) continue;
        tally.removed++;
        tally.bytesRemoved += blob.size;
        orphans.push({ ...blob, kind: rule.kind });
      }
      batch = [];
    };
    for await (const blob of store.list(rule.prefix)) {
      tally.scanned++;
      if (blob.modifiedAt.getTime() > cutoff) {
        tally.young++;
        continue;
      }
      batch.push(blob);
      if (batch.length >= batchSize) await settle();
    }
    if (batch.length > 0) await settle();
  }
  const graceMs = Math.max(0, ...rules.map((rule) => rule.graceMs));
  const abandonedWrites = dryRun ? 0 : await store.removeAbandonedWrites(new Date(now.getTime() - graceMs));
  return { dryRun, startedAt: now.toISOString(), kinds, orphans, kept, abandonedWrites };
}
