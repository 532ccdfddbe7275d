import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Access } from '../auth/access.js';
import { NavcastError } from '../../domain/errors.js';
import { HttpProblem } from '../problems.js';
import type { AccessTarget } from '../services/accessLog.js';
import type { ConditionalMode, ConditionalReads } from './conditional.js';
import { jsonSchema } from './jsonSchema.js';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The error statuses an operation may answer with, each with the problem codes it may carry. */
export type ProblemErrors = Readonly<Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503, readonly string[]>>>;

/**
 * One JSON API operation: its access rule, zod schemas for path parameters, query, body and
 * the success response, and the handler. Inputs are parsed at the edge (a failure is a 400
 * problem listing every issue); the same schemas produce /openapi.json.
 */
export interface ApiOperation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  readonly method: HttpMethod;
  /** Fastify path, e.g. /api/v1/funds/:identityHash. */
  readonly url: string;
  readonly access: Access;
  /** Stable name of the operation in the document and in generated clients (camelCase verb first: listFunds). */
  readonly operationId: string;
  /** Groups operations in the document: funds, uploads, users, admin... */
  readonly tag: string;
  readonly summary: string;
  /**
   * Errors particular to this operation (not found, conflicts, rules); those every operation of
   * its kind can give (authentication, access, invalid input, media type, outage) are added by
   * `operationErrors` from its access and shape.
   */
  readonly errors?: ProblemErrors;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  /** HTTP status of success (default 200). */
  readonly status?: number;
  /**
   * A read of the read models that answers If-None-Match: its handler tags the 200 with
   * `tagResponse` (web/api/conditional.ts) from the checkpoint its rows were read at, and a
   * request carrying a current tag is answered 304 before the handler runs. 'cache': also
   * answered from the response cache, so the handler must have no per-request effect of its
   * own (an access-log row is declared with `recordsAccess`, which runs either way), and its
   * body must depend on nothing but the organisation, the URL and the read models: the cache
   * key holds no user or role.
   */
  readonly conditional?: ConditionalMode;
  /**
   * The access-log row of a read that discloses tenant data (web/services/accessLog.ts says
   * which do), written before a 200 is sent, whether its body comes from the handler or the
   * response cache; a 304 discloses nothing new and writes none.
   */
  readonly recordsAccess?: (request: FastifyRequest, input: { params: z.infer<P>; query: z.infer<Q> }) => AccessTarget;
  /** OpenAPI `content` of a body that is not JSON (files: XLSX, CSV, multipart), for the document only. */
  readonly requestContent?: OpenApiContent;
  /** OpenAPI `content` of a success response that is not JSON (a file download), for the document only. */
  readonly responseContent?: OpenApiContent;
  handler(request: FastifyRequest, input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> }, reply: FastifyReply): Promise<z.infer<R>>;
}

/** What the OpenAPI document needs of a registered operation. */
export interface DocumentedOperation {
  readonly method: HttpMethod;
  readonly url: string;
  readonly access: Access;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly errors?: ProblemErrors;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly status: number;
  readonly conditional?: ConditionalMode;
  readonly requestContent?: OpenApiContent;
  readonly responseContent?: OpenApiContent;
}

/** An OpenAPI media-type map, e.g. `{ 'text/csv': { schema: { type: 'string' } } }`. */
export type OpenApiContent = Readonly<Record<string, { readonly schema: Record<string, unknown> }>>;

function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, part: string): z.infer<S> {
  if (schema === undefined) return undefined as z.infer<S>;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${part}${i.path.length > 0 ? `.${i.path.join('.')}` : ''}: ${i.message}`);
  throw new HttpProblem(400, 'invalid_request', `the request's ${part} is not valid: ${issues.join('; ')}`, { issues });
}

/** Two operations registered under one operationId (generated clients would collide). */
export class DuplicateOperationIdError extends NavcastError {
  readonly code = 'operation_id_duplicate';
  readonly status = 500;
}

/** How many requests one API key, session user or machine token may make per window. */
export interface ApiRateLimit {
  readonly max: number;
  /** The window, e.g. '1 minute'. */
  readonly timeWindow: string;
}

/** The rate-limit bucket of a request: its principal (key, user or machine token), else its address. */
function rateLimitKey(request: FastifyRequest): string {
  const p = request.principal;
  if (p === undefined) return `ip:${request.ip}`;
  if (p.kind === 'apiKey') return `key:${p.keyId}`;
  if (p.kind === 'machine') return `machine:${p.tokenId}`;
  return `user:${p.userId}`;
}

/** A conditional operation answered 200 without an ETag: its handler forgot `tagResponse`. */
export class UntaggedConditionalReadError extends NavcastError {
  readonly code = 'conditional_read_untagged';
  readonly status = 500;
}

/** The API operations registered so far, in registration order, for /openapi.json. */
export class ApiCatalogue {
  readonly operations: DocumentedOperation[] = [];

  /**
   * `conditional` answers conditional reads; `rateLimit` is every operation's limit per
   * principal (docs/architecture.md); `recordAccess` writes an access-log row (web/services/accessLog.ts).
   */
  constructor(
    private readonly conditional: ConditionalReads,
    private readonly rateLimit: ApiRateLimit,
    private readonly recordAccess: (request: FastifyRequest, target: AccessTarget) => Promise<void>,
  ) {}

  /** Registers `operation` on `app` and in the catalogue. */
  add<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(app: FastifyInstance, operation: ApiOperation<P, Q, B, R>): void {
    const status = operation.status ?? 200;
    if (this.operations.some((o) => o.operationId === operation.operationId)) throw new DuplicateOperationIdError(`operationId ${operation.operationId} is registered twice`);
    const documented: DocumentedOperation = { ...operation, status };
    this.operations.push(documented);
    app.route({
      method: operation.method,
      url: operation.url,
      // The success body is written by a serializer compiled from the response schema (Fastify's
      // fast-json-stringify): the same schema that documents it, and no field it does not list.
      ...(operation.responseContent === undefined ? { schema: { response: { [status]: jsonSchema(operation.response, 'output') } } } : {}),
      config: { access: operation.access, operation: documented, rateLimit: { ...this.rateLimit, keyGenerator: rateLimitKey } },
      handler: async (request, reply) => {
        // Tenant data may be kept by the caller's own client, revalidated every time; never by a shared cache.
        reply.header('cache-control', operation.method === 'GET' ? 'private, no-cache' : 'no-store');
        const input = {
          params: parsePart(operation.params, request.params, 'path'),
          query: parsePart(operation.query, request.query, 'query'),
          body: parsePart(operation.body, request.body, 'body'),
        };
        const mode = operation.conditional;
        // A read that discloses tenant data is recorded before its body leaves, from the cache or not (not for a 304).
        const recorded = async (): Promise<void> => {
          if (operation.recordsAccess !== undefined) await this.recordAccess(request, operation.recordsAccess(request, input));
        };
        const answer = mode === undefined ? undefined : await this.conditional.answer(request, mode);
        if (answer?.kind === 'not-modified') return reply.code(304).header('etag', answer.tag).send();
        if (answer?.kind === 'cached') {
          await recorded();
          return reply.code(status).header('etag', answer.tag).type('application/json; charset=utf-8').send(answer.body);
        }
        const result = await operation.handler(request, input, reply);
        if (reply.sent) return reply;
        await recorded();
        if (mode === undefined) return reply.code(status).type('application/json; charset=utf-8').send(result);
        if (!reply.hasHeader('etag')) throw new UntaggedConditionalReadError(`${operation.operationId} answered without an ETag`);
        return reply
          .code(status)
          .type('application/json; charset=utf-8')
          .send(this.conditional.body(reply, mode, result));
      },
    });
  }
}
