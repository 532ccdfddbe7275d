/**
 * GET /downloads: what the organisation can take away. Deliverables (nowcast reports, Excel
 * deliveries) do not exist yet, which the page says; the organisation's accepted workbooks
 * can be downloaded again from the blob store. Every download is written to the access log.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordRequestAccess } from '../../services/accessLog.js';
import { tenantPrincipal } from '../../auth/access.js';
import { csrfTokenFor } from '../../auth/csrf.js';
import type { WebContext } from '../../context.js';
import { HttpProblem } from '../../problems.js';
import { listUploads, readUploadedFile, type UploadView } from '../../services/uploads/index.js';
import { html, type SafeHtml } from '../../../domain/render/html.js';
import { renderPage } from '../../views/layout.js';
import { fullMoney } from '../../views/svgChartFrame.js';
import { isoMinute } from './format.js';
import { uploaderLabel } from './fundPage.js';
import { attachment } from '../../http/contentTypes.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../http/workbookBody.js';

const UploadId = z.uuid();

function uploadsTable(uploads: UploadView[]): SafeHtml {
  if (uploads.length === 0) return html`<p class="muted">No workbooks uploaded yet.</p>`;
  const rows = uploads.map(
    (u) => html`<tr><td><a href="/downloads/uploads/${u.uploadId}">${u.filename}</a></td><td>${isoMinute(u.uploadedAt)}</td><td>${uploaderLabel(u.uploadedBy)}</td>
<td class="num">${u.fundCount}</td><td class="num">${fullMoney(Math.ceil(u.sizeBytes / 1024))} KB</td></tr>`,
  );
  return html`<div class="table-wrap"><table><thead><tr><th>Workbook</th><th>Uploaded</th><th>By</th><th class="num">Funds</th><th class="num">Size</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The 404 of an upload that is not this organisation's; it never repeats the id. */
function uploadNotFound(): HttpProblem {
  return new HttpProblem(404, 'upload_not_found', 'your organisation has no uploaded workbook with this id');
}

/** Registers the downloads page and the workbook download. */
export function registerDownloadsPage(app: FastifyInstance, ctx: WebContext): void {
  app.get('/downloads', { config: { access: { role: 'viewer' } } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const uploads = await listUploads(ctx, principal);
    const body = html`<h2>Deliverables</h2>
<p class="notice">No deliverables yet. When nowcasts and reports are produced for your funds, they will be listed here to download.</p>
<h2>Your uploaded workbooks</h2>
<p class="muted">Every workbook your organisation uploaded and NAVcast accepted, exactly as it was sent.</p>${uploadsTable(uploads)}`;
    return reply.type('text/html; charset=utf-8').send(renderPage({ title: 'Downloads', principal, csrfToken: csrfTokenFor(reply), body }).value);
  });

  app.get('/downloads/uploads/:uploadId', { config: { access: { role: 'viewer' } } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const { uploadId } = request.params as { uploadId: string };
    if (!UploadId.safeParse(uploadId).success) throw uploadNotFound();
    const file = await readUploadedFile(ctx, principal, uploadId);
    if (file === undefined) throw uploadNotFound();
    const { upload, bytes } = file;
    await recordRequestAccess(ctx, request, { tenantId: principal.orgId, action: 'download', resourceType: 'upload', resourceId: upload.uploadId });
    const type = upload.filename.toLowerCase().endsWith('.csv') ? `${CSV_CONTENT_TYPE}; charset=utf-8` : XLSX_CONTENT_TYPE;
    // A client's file: never kept by shared caches or the browser's disk cache.
    return reply.type(type).header('content-disposition', attachment(upload.filename)).header('cache-control', 'private, no-store').send(Buffer.from(bytes));
  });
}
