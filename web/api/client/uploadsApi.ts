/**
 * POST /api/v1/uploads and GET /api/v1/template: what the Excel add-in calls to send a
 * workbook and to fetch the empty template. The workbook comes as the raw body (XLSX or CSV
 * content type, `filename` in the query) or as a multipart form with a `workbook` file part.
 * Accepted: 201 with the result per fund. Rejected: 422 problem+json whose `problems` list
 * every problem with sheet, row and column; nothing is recorded.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { tenantPrincipal } from '../../auth/access.js';
import type { WebContext } from '../../context.js';
import { HttpProblem } from '../../problems.js';
import { attachment } from '../../http/contentTypes.js';
import { runUpload, workbookTemplate, type UploadResult } from '../../services/uploads/index.js';
import { acceptWorkbookBodies, CSV_CONTENT_TYPE, OTHER_WORKBOOK_CONTENT_TYPES, readWorkbookPart, WORKBOOK_FIELD, XLSX_CONTENT_TYPE } from '../../http/workbookBody.js';

const UploadQuery = z.object({
  filename: z.string().min(1).max(255).optional().describe('the workbook file name (required with a raw body; part of each fund identity)'),
  source: z.enum(['portal', 'excel_addin']).default('portal').describe('where the upload comes from, kept with it'),
});

export const UploadAcceptedJson = z.object({
  uploadId: z.string(),
  filename: z.string(),
  fileIdentityHash: z.string(),
  replayed: z.boolean().describe('true when this exact command had been handled before'),
  funds: z.array(
    z.object({
      fundName: z.string(),
      identityHash: z.string(),
      dataHash: z.string(),
      version: z.number().int().describe('the version now holding this data (for a duplicate: the earlier version)'),
      outcome: z.enum(['new', 'new_version', 'renamed', 'duplicate']),
    }),
  ),
});

async function workbookOf(request: FastifyRequest, filename: string | undefined): Promise<{ filename: string; bytes: Buffer }> {
  // The API's cookie callers send X-CSRF-Token (checked before the handler), so no reply is needed.
  if (request.isMultipart()) return readWorkbookPart(request, undefined);
  if (!Buffer.isBuffer(request.body)) {
    throw new HttpProblem(415, 'unsupported_media_type', `send the workbook as ${XLSX_CONTENT_TYPE}, ${CSV_CONTENT_TYPE}, application/octet-stream or multipart/form-data`);
  }
  if (filename === undefined) throw new HttpProblem(400, 'filename_missing', 'give the workbook file name in the filename query parameter');
  return { filename, bytes: request.body };
}

function acceptedJson(result: Extract<UploadResult, { ok: true }>, filename: string): z.infer<typeof UploadAcceptedJson> {
  const funds = Object.entries(result.funds).map(([fundName, f]) => ({ fundName, identityHash: f.identityHash, dataHash: f.dataHash, version: f.version, outcome: f.outcome }));
  return { uploadId: result.uploadId, filename, fileIdentityHash: result.fileIdentityHash, replayed: result.replayed, funds };
}

/** Registers the upload and template operations (raw and multipart bodies in their own scope). */
export function registerUploadsApi(app: FastifyInstance, ctx: WebContext): void {
  ctx.catalogue.add(app, {
    method: 'GET',
    url: '/api/v1/template',
    operationId: 'downloadTemplate',
    access: { role: 'viewer' },
    tag: 'uploads',
    summary: 'The empty workbook template (XLSX with instructions, or CSV with its header line)',
    query: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
    response: z.string().describe('the file (binary for xlsx, UTF-8 text for csv)'),
    responseContent: { [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } }, [CSV_CONTENT_TYPE]: { schema: { type: 'string' } } },
    async handler(_request, { query }, reply) {
      const template = await workbookTemplate(query.format);
      await reply.type(template.contentType).header('content-disposition', attachment(template.filename)).send(template.bytes);
      return '';
    },
  });

  void app.register(async (scope) => {
    await acceptWorkbookBodies(scope);
    ctx.catalogue.add(scope, {
      method: 'POST',
      url: '/api/v1/uploads',
      operationId: 'uploadWorkbook',

      errors: { 400: ['filename_missing', 'workbook_missing'], 413: ['file_too_large'], 422: ['workbook_rejected'], 503: ['blob_store_unconfigured'] },
      access: { role: 'member' },
      tag: 'uploads',
      summary: 'Upload a workbook (raw XLSX/CSV body with ?filename=, or multipart field "workbook"); 422 with problems when rejected',
      query: UploadQuery,
      response: UploadAcceptedJson,
      status: 201,
      requestContent: {
        [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
        [CSV_CONTENT_TYPE]: { schema: { type: 'string', description: 'UTF-8 CSV with the template header line' } },
        ...Object.fromEntries(OTHER_WORKBOOK_CONTENT_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary', description: 'read by the file name (?filename=) and its bytes' } }])),
        'multipart/form-data': { schema: { type: 'object', required: [WORKBOOK_FIELD], properties: { [WORKBOOK_FIELD]: { type: 'string', format: 'binary' } } } },
      },
      async handler(request, { query }) {
        const principal = tenantPrincipal(request);
        const workbook = await workbookOf(request, query.filename);
        const result = await runUpload(ctx, principal, { ...workbook, source: query.source });
        if (!result.ok) {
          const count = result.problems.length;
          throw new HttpProblem(422, 'workbook_rejected', `the workbook has ${count} ${count === 1 ? 'problem' : 'problems'}; nothing was recorded`, { problems: result.problems });
        }
        return acceptedJson(result, workbook.filename);
      },
    });
  });
}
