/**
 * The default blob store: files in a local folder, one file per blob at `<root>/<key>`.
 * Writes go to a temporary file first and are renamed into place, so a crash never leaves
 * a partial blob under a real key.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
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

/** Lowercase hex SHA-256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** A file's status, or null when it is gone (deleted meanwhile is not an error here). */
async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

const PARTIAL = /\.[0-9a-f-]{36}\.partial$/;

/** Every file under `folder`, depth first; nothing when the folder does not exist. */
async function* filesUnder(folder: string): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

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
    if (existing !== null) {
      const now = new Date();
      await utimes(this.path(key), now, now); // the sweep's grace counts from this put
      return { ...existing, created: false };
    }
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
    const info = await statOrNull(this.path(key));
    return info === null ? null : { key, sha256: parseBlobKey(key).sha256, size: info.size };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  async deleteUnreferenced(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<ListedBlob> {
    for await (const path of filesUnder(join(this.root, ...checkBlobNamespace(prefix).split('/')))) {
      const key = relative(this.root, path).split(sep).join('/');
      if (PARTIAL.test(key)) continue;
      try {
        parseBlobKey(key);
      } catch {
        continue; // not a blob of this store (a stray file): never listed, never deleted
      }
      const info = await statOrNull(path);
      if (info !== null) yield { key, size: info.size, modifiedAt: info.mtime };
    }
  }

  async deleteIfUnchangedSince(key: string, modifiedAt: Date): Promise<boolean> {
    const path = this.path(key);
    const info = await statOrNull(path);
    if (info === null || info.mtime.getTime() > modifiedAt.getTime()) return false;
    await rm(path, { force: true });
    return true;
  }

  async removeAbandonedWrites(before: Date): Promise<number> {
    let removed = 0;
    for await (const path of filesUnder(this.root)) {
      if (!PARTIAL.test(path)) continue;
      const info = await statOrNull(path);
      if (info === null || info.mtime.getTime() >= before.getTime()) continue;
      await rm(path, { force: true });
      removed++;
    }
    return removed;
  }
}
