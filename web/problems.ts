import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NavcastError } from '../domain/errors.js';
import { isApiPath } from './auth/access.js';
import { databaseUnavailable, isDatabaseOutage } from './databaseOutage.js';
import { renderErrorPage } from './views/errorPage.js';

/**
 * An HTTP-level failure a route raises on purpose (bad form input, not found...). Its
 * `detail` is shown to the caller; 5xx details never are.
 */
export class HttpProblem extends NavcastError {
  readonly code: string;
  constructor(
    readonly status: number,
    code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.code = code;
  }

  override problemDetails(): Readonly<Record<string, unknown>> {
    return this.extra;
  }
}

/** A problem+json body (RFC 9457). `type` is a stable URN built from the error code. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly [extension: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Fastify's own request errors under the product's codes (documented in /openapi.json). */
const FASTIFY_CODES: Readonly<Record<string, { status: number; code: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large' },
};

/** Builds the problem document for any thrown value; hides 5xx details. */
export function toProblem(error: unknown): ProblemDocument {
  let status = 500;
  let code = 'internal_error';
  let detail = 'the server failed to handle this request; it has been logged';
  let extra: Record<string, unknown> = {};
  if (error instanceof NavcastError) {
    // By class alone: every product error carries its code, status and safe details.
    ({ code, status } = error);
    if (status < 500 || status === 503) {
      detail = error.message;
      extra = { ...error.problemDetails() };
    }
  } else if ((error as FastifyError | undefined)?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    status = 415;
    code = 'unsupported_media_type';
    const type = /: (.+)$/.exec((error as FastifyError).message)?.[1] ?? 'this type';
    detail = `a request body of type ${type} is not accepted by this operation: most take application/json, and the content types each one takes are in /openapi.json`;
  } else if (/^FST_CSRF_/.test((error as FastifyError | undefined)?.code ?? '')) {
    status = 403;
    code = 'csrf_token_invalid';
    detail = 'the request carries no valid CSRF token: reload the page and send the form again (scripts: send the X-CSRF-Token header with a token from a page of this session)';
  } else if (FASTIFY_CODES[(error as FastifyError | undefined)?.code ?? ''] !== undefined) {
    ({ status, code } = FASTIFY_CODES[(error as FastifyError).code]);
    detail = (error as FastifyError).message;
  } else if (isFastifyClientError(error)) {
    status = error.statusCode ?? 400;
    code = (error.code ?? 'bad_request').toLowerCase();
    detail = error.message;
  }
  return { type: `urn:navcast:problem:${code}`, title: titles[status] ?? 'Error', status, detail, code, ...extra };
}

function isFastifyClientError(error: unknown): error is FastifyError {
  const status = (error as FastifyError | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Sends a problem: problem+json under /api, an HTML page elsewhere. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemDocument): FastifyReply {
  reply.code(problem.status);
  if (typeof problem.retryAfter === 'number') reply.header('retry-after', String(problem.retryAfter));
  if (isApiPath(request.url)) return reply.type('application/problem+json').send(problem);
  return reply.type('text/html; charset=utf-8').send(renderErrorPage(problem, request.principal).value);
}

/** Installs the one place where errors become HTTP responses. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const outage = isDatabaseOutage(error);
    const problem = toProblem(outage ? databaseUnavailable() : error);
    if (outage) request.log.warn({ err: error, url: request.url }, 'database unavailable');
    else if (problem.status >= 500) request.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, toProblem(new HttpProblem(404, 'not_found', `nothing at ${request.method} ${request.url.split('?')[0]}`))));
}
