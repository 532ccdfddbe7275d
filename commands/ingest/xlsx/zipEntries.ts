/**
 * The entries of a ZIP archive (the XLSX container) read from its central directory, so
 * that parts are found by name whatever order their writer put them in (openpyxl writes the
 * worksheets before the workbook part, Excel writes them last). Sizes in the directory are
 * not trusted: inflateEntry.ts counts what an entry really unpacks to.
 */
import { NavcastError } from '../../../domain/errors.js';

/** Raised for anything that is not a readable ZIP archive; the upload says file_unreadable. */
export class ZipUnreadableError extends NavcastError {
  readonly code = 'zip_unreadable';
  readonly status = 422;
  constructor(
    message: string,
    /** Not a ZIP at all, a ZIP feature refused (ZIP64, encryption, a method), or a damaged one. */
    readonly reason: 'not_an_archive' | 'unsupported' | 'corrupt' = 'corrupt',
  ) {
    super(message);
  }
}

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate; anything else is refused when the entry is read. */
  readonly method: number;
  readonly compressedSize: number;
  /** As the archive declares it (a hostile one may lie). */
  readonly declaredSize: number;
  /** Offset of the entry's compressed bytes in the archive. */
  readonly dataOffset: number;
  /** CRC-32 of the unpacked bytes, as the directory declares it. */
  readonly crc32: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  throw new ZipUnreadableError('no end-of-central-directory record (truncated or not a ZIP archive)', 'not_an_archive');
}

/** Every entry of the archive by name (a repeated name is refused: which one would count?). */
export function zipEntries(bytes: Buffer): ReadonlyMap<string, ZipEntry> {
  if (bytes.length < 22) throw new ZipUnreadableError('too short to be a ZIP archive', 'not_an_archive');
  const end = findEndOfCentralDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipUnreadableError('ZIP64 archives are not accepted', 'unsupported');
  if (offset + size > end) throw new ZipUnreadableError('the central directory lies outside the archive');
  const entries = new Map<string, ZipEntry>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL) throw new ZipUnreadableError(`central directory entry ${i + 1} is damaged`);
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc32 = bytes.readUInt32LE(at + 16);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const declaredSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    if ((flags & 1) !== 0) throw new ZipUnreadableError('encrypted (password-protected) workbooks are not accepted', 'unsupported');
    const name = bytes.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL) throw new ZipUnreadableError(`the local header of ${name} is damaged`);
    const dataOffset = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > bytes.length) throw new ZipUnreadableError(`${name} runs past the end of the archive (truncated file)`);
    const key = name.replace(/^\/+/, '');
    if (entries.has(key)) throw new ZipUnreadableError(`the archive holds ${key} twice`);
    entries.set(key, { name: key, method, compressedSize, declaredSize, dataOffset, crc32 });
  }
  return entries;
}
