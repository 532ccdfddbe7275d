/**
 * The default blob store: files in a local folder, one file per blob at `<root>/<key>`.
 * Writes go to a temporary file first and are renamed into place, so a crash never leaves
 * a partial blob under a real key.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  type BlobInfo,
  BlobIntegrityError,
  BlobNotFoundError,
  type BlobStore,
  type PutBlobOptions,
  type StoredBlob,
  blobKey,
  parseBlobKey,
} from '../../domain/ports/blobStore.js';

/** Lowercase hex SHA-256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    parseBlobKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(bytes: Uint8Array, options: PutBlobOptions): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    const key = blobKey(options.namespace, sha256);
    const existing = await this.head(key);
    if (existing !== null) return { ...existing, created: false };
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.partial`;
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
    return { key, sha256, size: bytes.byteLength, created: true };
  }

  async get(key: string): Promise<Uint8Array> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path(key));
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
    const actual = sha256Hex(bytes);
    if (actual !== parseBlobKey(key).sha256) throw new BlobIntegrityError(key, actual);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async head(key: string): Promise<BlobInfo | null> {
    try {
      const info = await stat(this.path(key));
      return { key, sha256: parseBlobKey(key).sha256, size: info.size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  async deleteUnreferenced(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
