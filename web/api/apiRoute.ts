import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Access } from '../auth/access.js';
import { HttpProblem } from '../problems.js';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
  /** Groups operations in the document: funds, uploads, users, admin... */
  readonly tag: string;
  readonly summary: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  /** HTTP status of success (default 200). */
  readonly status?: number;
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
  readonly tag: string;
  readonly summary: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly status: number;
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

/** The API operations registered so far, in registration order, for /openapi.json. */
export class ApiCatalogue {
  readonly operations: DocumentedOperation[] = [];

  /** Registers `operation` on `app` and in the catalogue. */
  add<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(app: FastifyInstance, operation: ApiOperation<P, Q, B, R>): void {
    const status = operation.status ?? 200;
    this.operations.push({ ...operation, status });
    app.route({
      method: operation.method,
      url: operation.url,
      config: { access: operation.access },
      handler: async (request, reply) => {
        const input = {
          params: parsePart(operation.params, request.params, 'path'),
          query: parsePart(operation.query, request.query, 'query'),
          body: parsePart(operation.body, request.body, 'body'),
        };
        const result = await operation.handler(request, input, reply);
        if (reply.sent) return reply;
        return reply.code(status).type('application/json; charset=utf-8').send(result);
      },
    });
  }
}
