/**
 * Blob store on S3 (or any S3-protocol server). Every object is written with server-side
 * encryption requested and with its SHA-256 in the object metadata; reads verify the bytes
 * against the key. Request checksums are computed only when the operation requires them:
 * the SDK's default streaming checksums corrupt uploads on some S3-protocol servers.
 */
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import {
  type BlobInfo,
  BlobIntegrityError,
  BlobNotFoundError,
  type BlobStore,
  type ListedBlob,
  type PutBlobOptions,
  type StoredBlob,
  blobKey,
  checkBlobNamespace,
  parseBlobKey,
} from '../../domain/ports/blobStore.js';
import { sha256Hex } from './localBlobStore.js';

export interface S3BlobStoreOptions {
  readonly bucket: string;
  /** Prefix before every key (e.g. `navcast/`), empty for none. */
  readonly prefix?: string;
  readonly region: string;
  /** Endpoint of an S3-protocol server; omitted for AWS itself. */
  readonly endpoint?: string;
  /** Path-style addressing (bucket in the path), needed by most non-AWS servers. */
  readonly forcePathStyle?: boolean;
  readonly credentials?: S3ClientConfig['credentials'];
  /** `AES256` (S3-managed keys, default) or `aws:kms` with `kmsKeyId`. */
  readonly serverSideEncryption?: 'AES256' | 'aws:kms';
  readonly kmsKeyId?: string;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

export class S3BlobStore implements BlobStore {
  /** The SDK client, exposed so that callers can add middleware (tests observe requests). */
  readonly client: S3Client;

  constructor(private readonly options: S3BlobStoreOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    parseBlobKey(key);
    return `${this.options.prefix ?? ''}${key}`;
  }

  async put(bytes: Uint8Array, options: PutBlobOptions): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    const key = blobKey(options.namespace, sha256);
    const existing = await this.lastModified(key);
    const encryption = this.options.serverSideEncryption ?? 'AES256';
    const encrypted = { ServerSideEncryption: encryption, SSEKMSKeyId: encryption === 'aws:kms' ? this.options.kmsKeyId : undefined } as const;
    const size = bytes.byteLength;
    if (existing !== null) {
      // Copied onto itself with its metadata restated: S3's way to renew LastModified, from
      // which the sweep's grace counts (no bytes travel). Servers that keep the old time on
      // such a copy (s3rver does) get the bytes again, so the renewal holds on every server.
      const copied = await this.client.send(
        new CopyObjectCommand({
          Bucket: this.options.bucket,
          Key: this.objectKey(key),
          CopySource: `${this.options.bucket}/${encodeURIComponent(this.objectKey(key)).replace(/%2F/g, '/')}`,
          MetadataDirective: 'REPLACE',
          ContentType: options.contentType ?? 'application/octet-stream',
          Metadata: { sha256 },
          ...encrypted,
        }),
      );
      const renewed = copied.CopyObjectResult?.LastModified;
      if (renewed !== undefined && renewed.getTime() > existing.getTime()) return { key, sha256, size, created: false };
    }
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentLength: size,
        ContentType: options.contentType ?? 'application/octet-stream',
        Metadata: { sha256 },
        ...encrypted,
      }),
    );
    return { key, sha256, size, created: existing === null };
  }

  /** The object's LastModified, or null when it does not exist. */
  private async lastModified(key: string): Promise<Date | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      return head.LastModified ?? new Date(0);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      if (response.Body === undefined) throw new BlobNotFoundError(key);
      bytes = await response.Body.transformToByteArray();
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(key);
      throw error;
    }
    const actual = sha256Hex(bytes);
    if (actual !== parseBlobKey(key).sha256) throw new BlobIntegrityError(key, actual);
    return bytes;
  }

  async head(key: string): Promise<BlobInfo | null> {
    try {
      const response = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      return { key, sha256: parseBlobKey(key).sha256, size: response.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  async deleteUnreferenced(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
  }

  async *list(prefix: string): AsyncIterable<ListedBlob> {
    const storePrefix = this.options.prefix ?? '';
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: `${storePrefix}${checkBlobNamespace(prefix)}/`, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const key = (object.Key ?? '').slice(storePrefix.length);
        try {
          parseBlobKey(key);
        } catch {
          continue; // not a blob of this store: never listed, never deleted
        }
        yield { key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /**
   * HEAD then DELETE: S3 has no general conditional delete, so a put landing between the two
   * requests (milliseconds) is not seen here; the upload command re-checks its blob after
   * its events are written and stores it again if it is gone (commands/funds/uploadFunds.ts).
   */
  async deleteIfUnchangedSince(key: string, modifiedAt: Date): Promise<boolean> {
    const lastModified = await this.lastModified(key);
    if (lastModified === null || lastModified.getTime() > modifiedAt.getTime()) return false;
    await this.deleteUnreferenced(key);
    return true;
  }

  /** A PutObject is all or nothing (no multipart uploads are started), so no write is ever left half done. */
  async removeAbandonedWrites(_before: Date): Promise<number> {
    return 0;
  }
}
