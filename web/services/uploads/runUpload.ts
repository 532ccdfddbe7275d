/**
 * One workbook upload from the portal or the JSON API: the upload command (commands/funds
 * handleUpload) run for the signed-in organisation, then the projections settled so the
 * next page shows the new versions. A rejected workbook appends nothing (the handler
 * guarantees it) and comes back as its problems.
 */
import { randomUUID } from 'node:crypto';
import { handleUpload, type UploadResult } from '../../../commands/funds/index.js';
import type { UploadSource } from '../../../domain/funds/index.js';
import { actorOf, type TenantPrincipal } from '../../auth/principal.js';
import type { WebContext } from '../../context.js';
import { HttpProblem } from '../../problems.js';

/** Runs the upload of `bytes` named `filename` for the principal's organisation. */
export async function runUpload(ctx: WebContext, principal: TenantPrincipal, upload: { filename: string; bytes: Uint8Array; source: UploadSource }): Promise<UploadResult> {
  if (ctx.blobs === undefined) throw new HttpProblem(503, 'blob_store_unconfigured', 'uploads are not available: the server has no blob store configured');
  const filename = upload.filename.trim();
  if (filename === '') throw new HttpProblem(400, 'filename_missing', 'the workbook needs a file name (it is part of the fund identity)');
  const meta = { commandId: randomUUID(), at: ctx.now().toISOString(), actor: actorOf(principal) };
  const result = await handleUpload({ log: ctx.multiLog, blobs: ctx.blobs, read: ctx.readWorkbook }, { orgId: principal.orgId, filename, bytes: upload.bytes, source: upload.source }, meta);
  if (result.ok) await ctx.settleProjections();
  return result;
}
