/**
 * The workbook template as a download: written once per format by commands/ingest
 * writeTemplate into a private temporary folder, then kept in memory (it never changes
 * while the server runs).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTemplate, type WorkbookFormat } from '../../../commands/ingest/index.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../http/contentTypes.js';

const cache = new Map<WorkbookFormat, Promise<Buffer>>();

async function render(format: WorkbookFormat): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'navcast-template-'));
  try {
    const path = join(dir, `template.${format}`);
    await writeTemplate(path, format);
    return await readFile(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The template's bytes, file name and content type. */
export async function workbookTemplate(format: WorkbookFormat): Promise<{ bytes: Buffer; filename: string; contentType: string }> {
  let bytes = cache.get(format);
  if (bytes === undefined) {
    bytes = render(format);
    cache.set(format, bytes);
    bytes.catch(() => cache.delete(format));
  }
  return { bytes: await bytes, filename: `navcast-template.${format}`, contentType: format === 'xlsx' ? XLSX_CONTENT_TYPE : `${CSV_CONTENT_TYPE}; charset=utf-8` };
}
