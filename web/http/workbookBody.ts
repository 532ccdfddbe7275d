/**
 * How a workbook reaches the server: as a multipart form part (the upload page, or an API
 * client sending a form) or as the raw request body with the workbook's own content type
 * (the Excel add-in). Both are limited to the ingest size limit, and a larger file gets a
 * 413 that says the limit, before anything is stored.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormFile, readFormFile } from './multipartForm.js';
import { DEFAULT_MAX_WORKBOOK_BYTES } from '../services/uploads/index.js';
import { CSV_CONTENT_TYPE, OTHER_WORKBOOK_CONTENT_TYPES, XLSX_CONTENT_TYPE } from './contentTypes.js';
import { HttpProblem } from '../problems.js';

export { CSV_CONTENT_TYPE, OTHER_WORKBOOK_CONTENT_TYPES, XLSX_CONTENT_TYPE } from './contentTypes.js';

/** The name of the form field that carries the workbook. */
export const WORKBOOK_FIELD = 'workbook';

/** The 413 problem of a workbook over the limit. */
export function workbookTooLarge(): HttpProblem {
  const megabytes = DEFAULT_MAX_WORKBOOK_BYTES / (1024 * 1024);
  return new HttpProblem(413, 'file_too_large', `the workbook is larger than ${megabytes} MB, the most an upload may have; split it into several workbooks`);
}

/**
 * Registers, in the calling plugin scope only, multipart parsing (one file, at most the
 * ingest limit) and raw-body parsers for XLSX and CSV.
 */
export async function acceptWorkbookBodies(scope: FastifyInstance): Promise<void> {
  await scope.register(fastifyMultipart, { limits: { fileSize: DEFAULT_MAX_WORKBOOK_BYTES, files: 1, fields: 10, parts: 12 } });
  scope.addContentTypeParser([XLSX_CONTENT_TYPE, CSV_CONTENT_TYPE, ...OTHER_WORKBOOK_CONTENT_TYPES], async (_request: FastifyRequest, payload: NodeJS.ReadableStream) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > DEFAULT_MAX_WORKBOOK_BYTES) throw workbookTooLarge();
      chunks.push(buffer);
    }
    return Buffer.concat(chunks);
  });
}

/** The workbook of a multipart request: its file name and bytes. Throws HttpProblem 400/403/413. */
export function readWorkbookPart(request: FastifyRequest, reply: FastifyReply | undefined): Promise<FormFile> {
  return readFormFile(request, reply, WORKBOOK_FIELD, () => new HttpProblem(400, 'workbook_missing', `choose a workbook file to upload (form field "${WORKBOOK_FIELD}")`), workbookTooLarge);
}
