/**
 * The one file of a multipart form posted by a page: its hidden `_csrf` field comes first
 * (forms put it before the file input, and browsers send fields in document order), is
 * checked before a byte of the file is read, and the file part follows. Scripts sending
 * multipart bodies put the token in X-CSRF-Token instead; bearer tokens need none.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertFormTokenChecked, checkFormToken } from '../auth/csrf.js';
import type { HttpProblem } from '../problems.js';

export interface FormFile {
  readonly filename: string;
  readonly bytes: Buffer;
}

/** Reads the file in `field`; `missing` is the problem when there is none, `tooLarge` maps the size limit. */
export async function readFormFile(request: FastifyRequest, reply: FastifyReply | undefined, field: string, missing: () => HttpProblem, tooLarge: () => HttpProblem): Promise<FormFile> {
  let token: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === '_csrf' && typeof part.value === 'string') token = part.value;
        continue;
      }
      await checkFormToken(request, reply, token);
      assertFormTokenChecked(request);
      if (part.fieldname !== field) throw missing();
      return { filename: part.filename, bytes: await part.toBuffer() };
    }
  } catch (error) {
    const code = (error as { code?: string } | undefined)?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw tooLarge();
    throw error;
  }
  await checkFormToken(request, reply, token);
  throw missing();
}
