/**
 * Port of the blob store: where uploaded workbooks and run artefacts are kept, addressed by
 * content. A blob's key is `<namespace>/<sha256 of its bytes>`, so storing the same bytes
 * twice in a namespace stores them once, and every read can be checked against its key.
 * Adapters: a local folder (default) and S3 with server-side encryption (ops/blobs).
 */
import { NavcastError } from '../errors.js';

/** What a stored blob is. */
export interface BlobInfo {
  readonly key: string;
  /** Lowercase hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly size: number;
}

/** The result of a put: the blob, and whether this call wrote it (false: it was there already). */
export interface StoredBlob extends BlobInfo {
  readonly created: boolean;
}

/** A blob as a listing shows it: when it was last written or put again. */
export interface ListedBlob {
  readonly key: string;
  readonly size: number;
  readonly modifiedAt: Date;
}

export interface PutBlobOptions {
  /**
   * Folder-like prefix of the key, e.g. `uploads/<orgId>`: segments of letters, digits,
   * `.`, `_` and `-` separated by `/` (no empty, `.` or `..` segment).
   */
  readonly namespace: string;
  /** MIME type kept with the blob where the store can keep one. */
  readonly contentType?: string;
}

export interface BlobStore {
  /**
   * Stores `bytes` under `<namespace>/<sha256>`; idempotent. Putting bytes that are already
   * stored renews the blob's modification time, so the orphan sweep's grace period counts
   * from the last put (docs/operations.md, "Blob sweep").
   */
  put(bytes: Uint8Array, options: PutBlobOptions): Promise<StoredBlob>;
  /** The bytes of a blob, verified against the SHA-256 in its key. Throws BlobNotFoundError, BlobIntegrityError. */
  get(key: string): Promise<Uint8Array>;
  /** What is stored under `key`, or null when nothing is. */
  head(key: string): Promise<BlobInfo | null>;
  /** True when a blob is stored under `key`. */
  exists(key: string): Promise<boolean>;
  /**
   * Removes a blob that no recorded event references (cleanup after a rejected or failed
   * upload). The caller must have checked that; the store cannot. Absent keys are fine.
   */
  deleteUnreferenced(key: string): Promise<void>;
  /** Every stored blob whose key starts with `prefix` (a namespace or its first segments), in no set order. */
  list(prefix: string): AsyncIterable<ListedBlob>;
  /**
   * Deletes `key` unless it was modified (put again) after `modifiedAt`, the time a listing
   * showed; true when it was deleted. The sweep's delete: a blob put again meanwhile stays.
   */
  deleteIfUnchangedSince(key: string, modifiedAt: Date): Promise<boolean>;
  /** Removes writes a crash left unfinished (temporary files) older than `before`; how many. */
  removeAbandonedWrites(before: Date): Promise<number>;
}

/** No blob under the key. */
export class BlobNotFoundError extends NavcastError {
  readonly code = 'blob_not_found';
  readonly status = 404;
  constructor(readonly key: string) {
    super(`no blob stored under ${key}`);
  }
}

/** The stored bytes do not hash to the SHA-256 in their key: corruption or tampering. */
export class BlobIntegrityError extends NavcastError {
  readonly code = 'blob_integrity_violation';
  readonly status = 500;
  constructor(
    readonly key: string,
    readonly actualSha256: string,
  ) {
    super(`blob ${key} hashes to ${actualSha256}, not to the digest in its key`);
  }
}

/** A key or namespace that is not of the form the store accepts. */
export class BlobKeyError extends NavcastError {
  readonly code = 'blob_key_invalid';
  readonly status = 500;
}

const segment = '[A-Za-z0-9_-][A-Za-z0-9._-]*';
const namespacePattern = new RegExp(`^${segment}(?:/${segment})*$`);
const keyPattern = new RegExp(`^(${segment}(?:/${segment})*)/([0-9a-f]{64})$`);

/** Checks a namespace; throws BlobKeyError. `..` cannot pass: segments never start with a dot. */
export function checkBlobNamespace(namespace: string): string {
  if (!namespacePattern.test(namespace)) throw new BlobKeyError(`invalid blob namespace ${JSON.stringify(namespace)}`);
  return namespace;
}

/** Splits a key into namespace and SHA-256; throws BlobKeyError. */
export function parseBlobKey(key: string): { readonly namespace: string; readonly sha256: string } {
  const match = keyPattern.exec(key);
  if (match === null) throw new BlobKeyError(`invalid blob key ${JSON.stringify(key)}`);
  return { namespace: match[1], sha256: match[2] };
}

/** The key of bytes with digest `sha256` in `namespace`. */
export function blobKey(namespace: string, sha256: string): string {
  return `${checkBlobNamespace(namespace)}/${sha256}`;
}
