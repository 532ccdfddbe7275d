/**
 * The uploads area: run an upload, the organisation's accepted workbooks and the bytes of one
 * (for its download), the workbook template, and the limits a workbook body is read under.
 */
import { findUpload, listUploads as listUploadRows, type UploadView } from '../../../read-models/index.js';
import type { TenantPrincipal } from '../../auth/principal.js';
import type { WebContext } from '../../context.js';
import { HttpProblem } from '../../problems.js';
import { readAsTenant } from '../tenantData.js';

export { DEFAULT_MAX_WORKBOOK_BYTES, type Problem } from '../../../commands/ingest/index.js';
export type { FundUploadResult, UploadResult } from '../../../commands/funds/index.js';
export type { UploadView } from '../../../read-models/index.js';
export { runUpload } from './runUpload.js';
export { workbookTemplate } from './template.js';

/** The organisation's accepted uploads, newest first. */
export function listUploads(ctx: Pick<WebContext, 'pool'>, principal: TenantPrincipal): Promise<UploadView[]> {
  return readAsTenant(ctx.pool, principal, (db) => listUploadRows(db));
}

/** One upload of the organisation with its stored bytes, or undefined when it has none with this id. */
export async function readUploadedFile(ctx: Pick<WebContext, 'pool' | 'blobs'>, principal: TenantPrincipal, uploadId: string): Promise<{ upload: UploadView; bytes: Uint8Array } | undefined> {
  const upload = await readAsTenant(ctx.pool, principal, (db) => findUpload(db, uploadId));
  if (upload === undefined) return undefined;
  if (ctx.blobs === undefined) throw new HttpProblem(503, 'blob_store_unconfigured', 'downloads are not available: the server has no blob store configured');
  return { upload, bytes: await ctx.blobs.get(upload.blobKey) };
}
