/**
 * Helpers of the black-box probes (test/hardening): a listening portal, a latency probe that
 * polls /healthz over real HTTP while something else runs, and hostile workbooks.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** Latencies of /healthz requests made one after another until `stop` is called. */
export interface LatencyProbe {
  stop(): Promise<{ readonly samples: number; readonly p99Ms: number; readonly maxMs: number; readonly failures: number }>;
}

/** Polls `${base}/healthz` every `intervalMs` over a keep-alive connection. */
export function probeHealth(base: string, intervalMs = 20): LatencyProbe {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.get(`${base}/healthz`, { agent, timeout: 10_000 }, (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(performance.now() - started);
          if (response.statusCode !== 200) failures++;
          resolve();
        });
      });
      request.on('error', () => {
        failures++;
        resolve();
      });
    });
  const loop = (async () => {
    while (running) {
      await once();
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      const sorted = [...latencies].sort((a, b) => a - b);
      const p99Ms = sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
      return { samples: sorted.length, p99Ms, maxMs: sorted.at(-1) ?? Number.NaN, failures };
    },
  };
}

/** A valid CSV of `rows` contributions of one fund on one date, each a different amount. */
export function sameDayCsv(rows: number): Buffer {
  const lines = ['fund,currency,commitment,vintage,strategy,date,type,amount'];
  for (let i = 0; i < rows; i++) lines.push(`Same Day Fund,EUR,1000000000,2015,buyout,2016-03-31,contribution,${1000 + i}.25`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** One entry of a ZIP archive written by zipArchive: its bytes, or its size as a lying header claims. */
export interface ZipPart {
  readonly name: string;
  readonly data: Buffer;
  /** Uncompressed size to write in the headers instead of the true one (a hostile archive). */
  readonly claimedSize?: number;
  /** Deflated bytes already made (with their true size and CRC), e.g. a bomb made by `deflatedRepeat`. */
  readonly deflated?: { readonly bytes: Buffer; readonly size: number; readonly crc: number };
}

/** A ZIP archive of `parts` in the given order (deflate, no ZIP64). */
export function zipArchive(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const packed = part.deflated?.bytes ?? deflateRawSync(part.data);
    const size = part.claimedSize ?? part.deflated?.size ?? part.data.length;
    const crc = part.deflated?.crc ?? crc32(part.data);
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `head`, then `chunk` repeated until about `size` bytes, then `tail`, deflated as a stream (never held whole). */
export async function deflatedRepeat(head: string, chunk: string, size: number, tail: string): Promise<{ bytes: Buffer; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (piece: Buffer) => out.push(piece));
  const done = new Promise((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let total = 0;
  const feed = async (bytes: Buffer) => {
    crc = crc32(bytes, crc);
    total += bytes.length;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await feed(Buffer.from(head));
  const block = Buffer.from(chunk.repeat(Math.max(1, Math.floor((1 << 20) / chunk.length))));
  while (total + block.length < size) await feed(block);
  await feed(Buffer.from(tail));
  deflate.end();
  await done;
  return { bytes: Buffer.concat(out), size: total, crc };
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Funds" sheetId="1" r:id="rId1"/><sheet name="Data" sheetId="2" r:id="rId2"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>';
const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';
const s = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const n = (ref: string, value: number) => `<c r="${ref}"><v>${value}</v></c>`;
const FUNDS_SHEET = `${SHEET_HEAD}<row r="1">${s('A1', 'fund')}${s('B1', 'currency')}${s('C1', 'commitment')}${s('D1', 'vintage')}${s('E1', 'strategy')}</row><row r="2">${s('A2', 'Bomb Fund')}${s('B2', 'EUR')}${n('C2', 1000000)}${n('D2', 2015)}${s('E2', 'buyout')}</row>${SHEET_TAIL}`;
const DATA_HEAD = `${SHEET_HEAD}<row r="1">${s('A1', 'fund')}${s('B1', 'date')}${s('C1', 'type')}${s('D1', 'amount')}</row><row r="2">${s('A2', 'Bomb Fund')}${s('B2', '2015-03-31')}${s('C2', 'contribution')}${n('D2', 1000)}</row>`;
/** A blank row (no cells): hundreds of megabytes of them still parse as a valid sheet. */
const BLANK_ROW = '<row></row>';

/**
 * A minimal valid XLSX (inline strings, no styles) whose Data sheet unpacks to `dataBytes`
 * bytes of blank rows after one real row; `sheetsFirst` puts the worksheets before the
 * workbook part (as openpyxl does); `claimedSize` makes the Data entry's headers lie.
 */
export async function bombWorkbook(options: { dataBytes: number; sheetsFirst: boolean; claimedSize?: number }): Promise<Buffer> {
  const data = await deflatedRepeat(DATA_HEAD, BLANK_ROW, options.dataBytes, SHEET_TAIL);
  const sheets: ZipPart[] = [
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(FUNDS_SHEET) },
    { name: 'xl/worksheets/sheet2.xml', data: Buffer.alloc(0), deflated: data, claimedSize: options.claimedSize },
  ];
  const book: ZipPart[] = [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(RELS) },
  ];
  return zipArchive(options.sheetsFirst ? [...sheets, ...book] : [...book, ...sheets]);
}

/** Peak resident memory growth of process `pid` while `work` runs, sampled every 10 ms (Linux /proc). */
export async function peakRssGrowth<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
  const baseline = rss();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, rss());
    return { result, growthMb: peak - baseline };
  } finally {
    clearInterval(timer);
  }
}
