import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MarketUploadResult } from '../../../commands/funds/index.js';
import { csrfTokenFor } from '../../auth/csrf.js';
import type { WebContext } from '../../context.js';
import { HttpProblem } from '../../problems.js';
import { html, type SafeHtml } from '../../../domain/render/html.js';
import { type FormFile, readFormFile } from '../../http/multipartForm.js';
import { minute, sendAdminPage, table } from './adminViews.js';
import { adminCall } from '../../services/admin/index.js';
import type { AdminCall } from '../../services/admin/crossTenant.js';
import { listMarketSeries, MAX_MARKET_CSV_BYTES, uploadMarketCsv } from '../../services/admin/market.js';

/** The form field carrying the CSV file. */
const CSV_FIELD = 'csv';

function tooLarge(): HttpProblem {
  return new HttpProblem(413, 'file_too_large', `a market CSV may have at most ${MAX_MARKET_CSV_BYTES / (1024 * 1024)} MB; split it by series`);
}

function readCsvPart(request: FastifyRequest, reply: FastifyReply): Promise<FormFile> {
  return readFormFile(request, reply, CSV_FIELD, () => new HttpProblem(400, 'csv_missing', `choose a CSV file to upload (form field "${CSV_FIELD}")`), tooLarge);
}

function resultHtml(result: MarketUploadResult): SafeHtml {
  if (!result.ok) {
    return html`<div class="notice"><p class="error">The file was not recorded; nothing changed:</p>
      <ul class="problems">${result.problems.map((p) => html`<li>${p.row === null ? '' : `row ${p.row}: `}${p.message}</li>`)}</ul></div>`;
  }
  const rows = Object.entries(result.series).map(([id, s]) => html`<li>${id}: ${s.outcome === 'recorded' ? `revision ${s.revision ?? '?'} recorded` : 'unchanged'} (${s.points} points)</li>`);
  return html`<div class="notice ok"><p>Upload accepted.</p><ul>${rows}</ul></div>`;
}

async function sendMarket(reply: FastifyReply, call: AdminCall, result: MarketUploadResult | undefined, status = 200): Promise<FastifyReply> {
  const series = await listMarketSeries(call);
  const rows = series.map(
    (s) => html`<tr><td>${s.seriesId}</td><td class="num">${s.revision}</td><td class="num">${s.points}</td><td>${s.firstDate}</td><td>${s.lastDate}</td><td>${minute(s.uploadedAt)}</td></tr>`,
  );
  const body = html`${result === undefined ? '' : resultHtml(result)}
    ${table(['Series', 'Revision', 'Points', 'First date', 'Last date', 'Uploaded (UTC)'], rows, 'No market series yet.')}
    <h2>Upload market series</h2>
    <p class="muted">A CSV with the header <code>series_id,date,value</code>, one row per series and week (dates YYYY-MM-DD).
      Each series whose points changed gets a new revision; a file with any problem is rejected whole.</p>
    <form method="post" action="/admin/market" enctype="multipart/form-data" class="stacked">
      <input type="hidden" name="_csrf" value="${csrfTokenFor(reply)}">
      <label>CSV file <input type="file" name="${CSV_FIELD}" accept=".csv,text/csv" required></label>
      <button type="submit">Upload</button>
    </form>`;
  return sendAdminPage(reply, call, 'Market series', body, status);
}

/** /admin/market: platform market series list and CSV upload (multipart, in this scope only). */
export function registerMarketPages(app: FastifyInstance, ctx: WebContext): void {
  const access = { access: { role: 'super_admin' as const } };
  app.get('/admin/market', { config: access }, async (request, reply) => sendMarket(reply, adminCall(ctx, request), undefined));

  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: MAX_MARKET_CSV_BYTES, files: 1, fields: 5, parts: 6 } });
    scope.post('/admin/market', { config: { ...access, csrf: 'form-field' } }, async (request, reply) => {
      const call = adminCall(ctx, request);
      const { filename, bytes } = await readCsvPart(request, reply);
      const result = await uploadMarketCsv(ctx, call, bytes, filename);
      return sendMarket(reply, call, result, result.ok ? 200 : 422);
    });
  });
}
