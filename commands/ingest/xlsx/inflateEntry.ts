/**
 * Unpacks one ZIP entry as a stream of text chunks while counting what it really unpacks
 * to, and stops the moment a limit is passed: the entry's own size, what the workbook's
 * entries unpack to together, or the ratio of unpacked to packed bytes (a zip bomb inflates
 * hundreds of times). Nothing is buffered whole: the chunks go straight to the XML parser,
 * so refusing a bomb costs the few megabytes read before the limit.
 */
import { NavcastError } from '../../../domain/errors.js';
import { createInflateRaw } from 'node:zlib';
import { type ZipEntry, ZipUnreadableError } from './zipEntries.js';

/** Limits on what a workbook may unpack to (docs/workbook-format.md, "Limits"). */
export interface UnpackLimits {
  /** All entries read, together (bytes). */
  readonly maxTotalBytes: number;
  /** One entry (bytes). */
  readonly maxEntryBytes: number;
  /** Unpacked over packed bytes, checked once an entry has unpacked `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

export const DEFAULT_UNPACK_LIMITS: UnpackLimits = {
  maxTotalBytes: 400 * 1024 * 1024,
  maxEntryBytes: 300 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 4 * 1024 * 1024,
};

/** A limit was passed; `message` names it in words for the upload's problem. */
export class UnpackLimitError extends NavcastError {
  readonly code = 'unpack_limit';
  readonly status = 422;
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Counts unpacked bytes across the entries of one workbook. */
export class UnpackBudget {
  used = 0;
  constructor(readonly limits: UnpackLimits) {}
}

/** Streams `entry`'s text to `onText` in order; rejects on a passed limit or damaged data. */
export async function inflateEntry(archive: Buffer, entry: ZipEntry, budget: UnpackBudget, onText: (text: string) => void): Promise<void> {
  const packed = archive.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const limits = budget.limits;
  let unpacked = 0;
  let fed = entry.method === 0 ? packed.length : 0;
  const take = (chunk: Buffer): void => {
    unpacked += chunk.length;
    budget.used += chunk.length;
    if (unpacked > limits.maxEntryBytes) throw new UnpackLimitError(`the sheet part ${entry.name} unpacks to more than ${megabytes(limits.maxEntryBytes)}, the most one part may have`);
    if (budget.used > limits.maxTotalBytes) throw new UnpackLimitError(`the workbook unpacks to more than ${megabytes(limits.maxTotalBytes)}, the most a workbook may have`);
    if (unpacked > limits.ratioFloorBytes && unpacked > limits.maxRatio * Math.max(1, fed)) {
      throw new UnpackLimitError(`the part ${entry.name} unpacks to over ${limits.maxRatio} times its packed size, which no spreadsheet does (a "zip bomb")`);
    }
    onText(decoder.decode(chunk, { stream: true }));
  };
  if (entry.method === 0) {
    for (let at = 0; at < packed.length; at += 1 << 16) take(packed.subarray(at, Math.min(packed.length, at + (1 << 16))));
  } else if (entry.method === 8) {
    await new Promise<void>((resolve, reject) => {
      const inflate = createInflateRaw({ chunkSize: 1 << 16 });
      let failed = false;
      inflate.on('data', (chunk: Buffer) => {
        if (failed) return;
        try {
          take(chunk);
        } catch (error) {
          failed = true;
          inflate.destroy();
          reject(error);
        }
      });
      inflate.on('error', (error) => reject(new ZipUnreadableError(`${entry.name} is damaged: ${error.message}`)));
      inflate.on('end', resolve);
      // Fed a piece at a time, so that the ratio compares with what was packed so far.
      const feed = (): void => {
        while (!failed && fed < packed.length) {
          const piece = packed.subarray(fed, Math.min(packed.length, fed + (1 << 14)));
          fed += piece.length;
          if (!inflate.write(piece)) {
            inflate.once('drain', feed);
            return;
          }
        }
        if (!failed) inflate.end();
      };
      feed();
    });
  } else {
    throw new ZipUnreadableError(`${entry.name} uses compression method ${entry.method}, which spreadsheets do not use`, 'unsupported');
  }
  onText(decoder.decode());
}
