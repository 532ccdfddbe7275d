/**
 * GET/POST /upload: the template downloads, the upload form (multipart, CSRF token in the
 * action URL) and the result in the same page: per fund what happened, or every problem
 * with its sheet, row and column (status 422; nothing was recorded).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { tenantPrincipal } from '../../auth/access.js';
import type { TenantPrincipal } from '../../auth/principal.js';
import { csrfTokenFor } from '../../auth/csrf.js';
import type { WebContext } from '../../context.js';
import { HttpProblem } from '../../problems.js';
import { html, type SafeHtml } from '../../../domain/render/html.js';
import { renderPage } from '../../views/layout.js';
import { attachment } from '../../http/contentTypes.js';
import { DEFAULT_MAX_WORKBOOK_BYTES, runUpload, workbookTemplate, type FundUploadResult, type Problem, type UploadResult } from '../../services/uploads/index.js';
import { acceptWorkbookBodies, readWorkbookPart, WORKBOOK_FIELD } from '../../http/workbookBody.js';

/** What each upload outcome means to the person who uploaded. */
export function outcomeText(result: FundUploadResult): string {
  switch (result.outcome) {
    case 'new':
      return 'New fund';
    case 'new_version':
      return 'New version';
    case 'renamed':
      return 'Moved from another workbook (renamed)';
    case 'duplicate':
      return `Same data as version ${result.version}: nothing new recorded`;
  }
}

function form(token: string): SafeHtml {
  const megabytes = DEFAULT_MAX_WORKBOOK_BYTES / (1024 * 1024);
  return html`<h2>Upload a workbook</h2>
<form class="stacked" method="post" action="/upload" enctype="multipart/form-data">
  <input type="hidden" name="_csrf" value="${token}">
  <label>Workbook (.xlsx or .csv, at most ${megabytes} MB)<input type="file" name="${WORKBOOK_FIELD}" accept=".xlsx,.csv" required></label>
  <button type="submit">Upload</button>
</form>`;
}

const intro = html`<h2>Get the template</h2>
<p>One workbook can hold many funds: a Funds sheet (name, currency, commitment, vintage, strategy) and a Data sheet of dated
contributions, distributions, reported NAVs and prices. The XLSX template explains every column on its first sheet.</p>
<p class="actions"><a class="button" href="/upload/template.xlsx">Template (.xlsx)</a><a class="button" href="/upload/template.csv">Template (.csv)</a></p>
<p class="muted">The file name is part of each fund's identity: upload later versions under the same file name. A workbook with any problem is rejected whole.</p>`;

function accepted(result: Extract<UploadResult, { ok: true }>, filename: string): SafeHtml {
  const rows = Object.entries(result.funds).map(
    ([name, fund]) => html`<tr><td><a href="/funds/${fund.identityHash}">${name}</a></td><td>${outcomeText(fund)}</td><td class="num">${fund.version}</td></tr>`,
  );
  return html`<div class="notice" role="status"><p class="ok"><strong>${filename} was accepted.</strong> ${Object.keys(result.funds).length} funds:</p>
<div class="table-wrap"><table><thead><tr><th>Fund</th><th>Result</th><th class="num">Version</th></tr></thead><tbody>${rows}</tbody></table></div></div>`;
}

function rejected(problems: readonly Problem[], filename: string): SafeHtml {
  const rows = problems.map(
    (p) => html`<tr><td>${p.sheet ?? 'whole file'}</td><td class="num">${p.row ?? ''}</td><td>${p.column ?? ''}${p.field === null ? '' : ` (${p.field})`}</td><td>${p.message}</td></tr>`,
  );
  return html`<div role="alert"><p class="error"><strong>${filename} was not recorded.</strong> Fix ${problems.length === 1 ? 'this problem' : `these ${problems.length} problems`} and upload it again:</p>
<div class="table-wrap"><table class="problems"><thead><tr><th>Sheet</th><th class="num">Row</th><th>Column</th><th>Problem</th></tr></thead><tbody>${rows}</tbody></table></div></div>`;
}

function sendPage(reply: FastifyReply, principal: TenantPrincipal, status: number, outcome?: SafeHtml): FastifyReply {
  const token = csrfTokenFor(reply);
  const body = html`${outcome ?? html``}${form(token)}${intro}`;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(renderPage({ title: 'Upload', principal, csrfToken: token, body }).value);
}

/** Registers the upload page, its form handler and the template downloads. */
export function registerUploadPage(app: FastifyInstance, ctx: WebContext): void {
  app.get('/upload', { config: { access: { role: 'member' } } }, async (request, reply) => sendPage(reply, tenantPrincipal(request), 200));

  for (const format of ['xlsx', 'csv'] as const) {
    app.get(`/upload/template.${format}`, { config: { access: { role: 'viewer' } } }, async (_request, reply) => {
      const template = await workbookTemplate(format);
      return reply.type(template.contentType).header('content-disposition', attachment(template.filename)).send(template.bytes);
    });
  }

  // Multipart parsing lives in this scope only: no other page accepts file uploads.
  void app.register(async (scope) => {
    await acceptWorkbookBodies(scope);
    scope.post('/upload', { config: { access: { role: 'member' }, csrf: 'form-field' } }, async (request, reply) => {
      const principal = tenantPrincipal(request);
      let workbook: { filename: string; bytes: Buffer };
      try {
        workbook = await readWorkbookPart(request, reply);
      } catch (error) {
        if (error instanceof HttpProblem && error.status < 500) return sendPage(reply, principal, error.status, html`<p class="error" role="alert">${error.detail}</p>`);
        throw error;
      }
      const result = await runUpload(ctx, principal, { ...workbook, source: 'portal' });
      if (!result.ok) return sendPage(reply, principal, 422, rejected(result.problems, workbook.filename));
      return sendPage(reply, principal, 200, accepted(result, workbook.filename));
    });
  });
}
