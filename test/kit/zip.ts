/**
 * ZIP reading for test fixtures (the posteriordb reference files): the archive's directory
 * is read by the product's own reader (commands/ingest/xlsx/zipEntries.ts, the one that reads
 * XLSX uploads), and each entry is inflated here synchronously, checking its size and CRC-32.
 * Failures are ZipFormatError with a stable code.
 */
import { readFileSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import { zipEntries, ZipUnreadableError } from '../../commands/ingest/xlsx/zipEntries.js';

export type ZipErrorCode = 'ZIP_NOT_AN_ARCHIVE' | 'ZIP_UNSUPPORTED' | 'ZIP_CORRUPT' | 'ZIP_ENTRY_NOT_FOUND';

/** A malformed, unsupported or incomplete archive, with a stable code. */
export class ZipFormatError extends Error {
  constructor(
    readonly code: ZipErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/** One file in the archive, decompressed. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

const CODE_OF_REASON: Record<ZipUnreadableError['reason'], ZipErrorCode> = {
  not_an_archive: 'ZIP_NOT_AN_ARCHIVE',
  unsupported: 'ZIP_UNSUPPORTED',
  corrupt: 'ZIP_CORRUPT',
};

function directoryOf(buf: Buffer, path: string): ReturnType<typeof zipEntries> {
  try {
    return zipEntries(buf);
  } catch (error) {
    if (!(error instanceof ZipUnreadableError)) throw error;
    throw new ZipFormatError(CODE_OF_REASON[error.reason], `${path}: ${error.message}`);
  }
}

/** Reads every file entry (directories skipped) of the ZIP archive at path, in directory order. */
export function readZipEntries(path: string): ZipEntry[] {
  const buf = readFileSync(path);
  return [...directoryOf(buf, path).values()]
    .filter((entry) => !entry.name.endsWith('/'))
    .map((entry) => {
      const raw = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
      let data: Buffer;
      if (entry.method === 0) data = Buffer.from(raw);
      else if (entry.method === 8) data = inflateRawSync(raw);
      else throw new ZipFormatError('ZIP_UNSUPPORTED', `${path}: ${entry.name} uses compression method ${entry.method}`);
      if (data.length !== entry.declaredSize || crc32(data) !== entry.crc32) {
        throw new ZipFormatError('ZIP_CORRUPT', `${path}: ${entry.name} fails its size or CRC-32 check`);
      }
      return { name: entry.name, data };
    });
}

/**
 * Parses a JSON file inside a ZIP archive: the entry called `entryName`, or, when none is
 * named, the archive's only file (the layout of posteriordb's `*.json.zip`).
 */
export function readZipJson(path: string, entryName?: string): unknown {
  const entries = readZipEntries(path);
  const entry = entryName === undefined ? (entries.length === 1 ? entries[0] : undefined) : entries.find((e) => e.name === entryName);
  if (entry === undefined) {
    const names = entries.map((e) => e.name).join(', ');
    throw new ZipFormatError('ZIP_ENTRY_NOT_FOUND', `${path}: no entry ${entryName ?? '(single file)'} among [${names}]`);
  }
  return JSON.parse(entry.data.toString('utf8'));
}
