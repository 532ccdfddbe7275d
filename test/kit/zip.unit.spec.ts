import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readZipEntries, readZipJson, ZipFormatError } from './zip.js';

/** Writes a minimal ZIP (PKWARE APPNOTE 4.3) with the given entries; method 0 stores, 8 deflates. */
function buildZip(entries: { name: string; text: string; method: 0 | 8; crcOffset?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.from(e.text, 'utf8');
    const stored = e.method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(e.name, 'utf8');
    const crc = (crc32(data) + (e.crcOffset ?? 0)) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('readZipJson', () => {
  const dir = mkdtempSync(join(tmpdir(), 'navcast-zip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  const codeOf = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (error) {
      return error instanceof ZipFormatError ? error.code : 'other';
    }
    return undefined;
  };

  it('reads the only JSON file of a deflated archive', () => {
    const value = { theta: [1.5, -2.25], name: 'x'.repeat(500) };
    const path = write('one.zip', buildZip([{ name: 'one.json', text: JSON.stringify(value), method: 8 }]));
    expect(readZipJson(path)).toEqual(value);
  });

  it('reads stored and deflated entries by name', () => {
    const path = write(
      'two.zip',
      buildZip([
        { name: 'a.json', text: '[1,2,3]', method: 0 },
        { name: 'b.json', text: '{"b":true}', method: 8 },
      ]),
    );
    expect(readZipEntries(path).map((e) => e.name)).toEqual(['a.json', 'b.json']);
    expect(readZipJson(path, 'a.json')).toEqual([1, 2, 3]);
    expect(readZipJson(path, 'b.json')).toEqual({ b: true });
    expect(codeOf(() => readZipJson(path))).toBe('ZIP_ENTRY_NOT_FOUND');
    expect(codeOf(() => readZipJson(path, 'c.json'))).toBe('ZIP_ENTRY_NOT_FOUND');
  });

  it('refuses a damaged entry and a file that is not an archive', () => {
    const damaged = write('bad.zip', buildZip([{ name: 'a.json', text: '{}', method: 8, crcOffset: 1 }]));
    expect(codeOf(() => readZipJson(damaged))).toBe('ZIP_CORRUPT');
    const notZip = write('not.zip', Buffer.from('just some text that is long enough to search'));
    expect(codeOf(() => readZipJson(notZip))).toBe('ZIP_NOT_AN_ARCHIVE');
  });
});
