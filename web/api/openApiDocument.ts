import { z } from 'zod';
import type { ApiCatalogue, DocumentedOperation } from './apiRoute.js';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(op: DocumentedOperation): unknown[] {
  const list: unknown[] = [];
  for (const [location, schema] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (schema === undefined) continue;
    const doc = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(doc.properties ?? {})) {
      list.push({ name, in: location, required: location === 'path' || (doc.required ?? []).includes(name), schema: property });
    }
  }
  return list;
}

function security(op: DocumentedOperation): unknown[] {
  if ('public' in op.access) return [];
  if ('machine' in op.access) return [{ machineToken: [op.access.machine] }];
  return [{ apiKey: [] }, { session: [] }];
}

const problem = { description: 'problem+json', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };

/** The OpenAPI 3.1 document of every operation in the catalogue. */
export function openApiDocument(catalogue: ApiCatalogue): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of catalogue.operations) {
    const path = op.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const role = 'role' in op.access ? op.access.role : undefined;
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      tags: [op.tag],
      summary: op.summary,
      description: role === undefined ? undefined : `Requires the role ${role} or above.`,
      parameters: parameters(op),
      requestBody:
        op.requestContent !== undefined
          ? { required: true, content: op.requestContent }
          : op.body === undefined
            ? undefined
            : { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } },
      security: security(op),
      responses: {
        [String(op.status)]: { description: 'success', content: op.responseContent ?? { 'application/json': { schema: jsonSchema(op.response) } } },
        '400': problem,
        '401': problem,
        '403': problem,
        '404': problem,
        ...(op.method === 'GET' ? {} : { '409': problem, '413': problem, '415': problem, '422': problem }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'NAVcast API', version: '1', description: 'JSON API of the NAVcast portal, for integrations and the Excel add-in. Errors are problem+json (RFC 9457).' },
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An organisation API key, sk_live_...' },
        machineToken: { type: 'http', scheme: 'bearer', description: 'A sampler node machine token, mt_...' },
        session: { type: 'apiKey', in: 'cookie', name: 'navcast_session', description: 'Portal session; unsafe methods also need X-CSRF-Token' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' } },
        },
      },
    },
  };
}
