/**
 * Minimal ZIP reader for test fixtures (the posteriordb reference files): reads the central
 * directory, then each entry's local header, and inflates stored (method 0) or deflated
 * (method 8) data with node:zlib, checking size and CRC-32. ZIP64, encryption and multi-disk
 * archives are refused with a ZipFormatError.
 */
import { readFileSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';

export type ZipErrorCode = 'ZIP_NOT_AN_ARCHIVE' | 'ZIP_UNSUPPORTED' | 'ZIP_CORRUPT' | 'ZIP_ENTRY_NOT_FOUND';

/** A malformed, unsupported or incomplete archive, with a stable code. */
export class ZipFormatError extends Error {
  readonly code: ZipErrorCode;

  constructor(code: ZipErrorCode, message: string) {
    super(message);
    this.name = 'ZipFormatError';
    this.code = code;
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** One file in the archive, decompressed. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

function findEndOfCentralDirectory(buf: Buffer, path: string): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes at the end of the file.
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 22; at >= earliest; at--) {
    if (buf.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new ZipFormatError('ZIP_NOT_AN_ARCHIVE', `${path}: no end-of-central-directory record`);
}

/** Reads every file entry (directories skipped) of the ZIP archive at path. */
export function readZipEntries(path: string): ZipEntry[] {
  const buf = readFileSync(path);
  const end = findEndOfCentralDirectory(buf, path);
  if (buf.readUInt16LE(end + 4) !== 0 || buf.readUInt16LE(end + 6) !== 0) {
    throw new ZipFormatError('ZIP_UNSUPPORTED', `${path}: multi-disk archives are not supported`);
  }
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) {
    throw new ZipFormatError('ZIP_UNSUPPORTED', `${path}: ZIP64 archives are not supported`);
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_FILE_HEADER) {
      throw new ZipFormatError('ZIP_CORRUPT', `${path}: bad central directory entry ${i}`);
    }
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (flags & 0x1) throw new ZipFormatError('ZIP_UNSUPPORTED', `${path}: ${name} is encrypted`);
    if (buf.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) {
      throw new ZipFormatError('ZIP_CORRUPT', `${path}: bad local header for ${name}`);
    }
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const raw = buf.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else throw new ZipFormatError('ZIP_UNSUPPORTED', `${path}: ${name} uses compression method ${method}`);
    if (data.length !== size || crc32(data) !== crc) {
      throw new ZipFormatError('ZIP_CORRUPT', `${path}: ${name} fails its size or CRC-32 check`);
    }
    entries.push({ name, data });
  }
  return entries;
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
