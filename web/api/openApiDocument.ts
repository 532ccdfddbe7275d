/**
 * The OpenAPI 3.1 document of the JSON API, generated from the registered operations alone:
 * their zod schemas (the same that parse requests and, under the contract check, responses),
 * access rules, operation ids, tags and errors (operationErrors.ts). Nothing in it is written
 * a second time by hand. Linted with Redocly's recommended rules (redocly.yaml) by
 * test/portal/openApi.int.spec.ts.
 */
import type { ApiCatalogue, DocumentedOperation } from './apiRoute.js';
import { jsonSchema } from './jsonSchema.js';
import { operationErrors } from './operationErrors.js';

/** What each tag groups, for the document's tag list (an operation's tag must be here). */
export const API_TAGS: Readonly<Record<string, string>> = {
  funds: "The organisation's funds, their data versions and series",
  uploads: 'Workbook uploads and the empty template',
  users: "The organisation's users and their roles",
  'api-keys': "The organisation's API keys (for integrations and the Excel add-in)",
  admin: 'Platform administration across organisations and sampler node tokens (super_admin)',
};

function parameters(op: DocumentedOperation): unknown[] {
  const list: unknown[] = [];
  for (const [location, schema] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (schema === undefined) continue;
    const doc = jsonSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, property] of Object.entries(doc.properties ?? {})) {
      const { description, ...rest } = property;
      list.push({ name, in: location, required: location === 'path' || (doc.required ?? []).includes(name), description, schema: rest });
    }
  }
  if (op.conditional !== undefined)
    list.push({ name: 'If-None-Match', in: 'header', required: false, description: 'the ETag of a copy you hold: 304 when it is still current', schema: { type: 'string' } });
  return list;
}

function security(op: DocumentedOperation): unknown[] {
  if ('public' in op.access) return [];
  if ('machine' in op.access) return [{ machineToken: [] }];
  // API keys carry at most org_admin: super_admin operations need a signed-in person.
  if (op.access.role === 'super_admin') return [{ session: [] }];
  return [{ apiKey: [] }, { session: [] }];
}

function access(op: DocumentedOperation): string {
  if ('public' in op.access) return 'Public.';
  if ('machine' in op.access) return `Machine token with scope ${op.access.machine}.`;
  if (op.access.role === 'super_admin') return 'A signed-in super_admin (session; X-CSRF-Token on unsafe methods). API keys are refused.';
  return `Role ${op.access.role} or above (API key or session; a session sends X-CSRF-Token on unsafe methods).`;
}

function problemResponse(codes: readonly string[]): unknown {
  return {
    description: `problem+json with code ${codes.join(', ')}`,
    content: { 'application/problem+json': { schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { type: 'object', properties: { code: { enum: codes } } }] } } },
  };
}

const cacheControl = { description: 'private, no-cache on reads (revalidate with If-None-Match); no-store otherwise', schema: { type: 'string' } };
const rateLimitHeaders = {
  'RateLimit-Limit': { description: 'requests allowed per window for this key or session', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'requests left in the current window', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'seconds until the window resets', schema: { type: 'integer' } },
};

function success(op: DocumentedOperation): Record<string, unknown> {
  const headers: Record<string, unknown> = { 'Cache-Control': cacheControl, ...rateLimitHeaders };
  if (op.conditional !== undefined) headers.ETag = { description: 'tag of this representation: send it back as If-None-Match', schema: { type: 'string' } };
  const ok = { description: 'success', headers, content: op.responseContent ?? { 'application/json': { schema: jsonSchema(op.response, 'output') } } };
  if (op.conditional === undefined) return { [String(op.status)]: ok };
  return { [String(op.status)]: ok, '304': { description: 'not modified: the copy named by If-None-Match is current', headers: { ETag: headers.ETag, 'Cache-Control': cacheControl } } };
}

function operation(op: DocumentedOperation): Record<string, unknown> {
  const errors: Record<string, unknown> = {};
  for (const [status, codes] of operationErrors(op)) errors[String(status)] = problemResponse(codes);
  errors['500'] = problemResponse(['internal_error']);
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: access(op),
    parameters: parameters(op),
    requestBody:
      op.requestContent !== undefined
        ? { required: true, content: op.requestContent }
        : op.body === undefined
          ? undefined
          : { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } },
    security: security(op),
    responses: { ...success(op), ...errors },
  };
}

/** The document, with `serverUrl` (NAVCAST_PUBLIC_URL, else the address the request came to) as its server. */
export function openApiDocument(catalogue: ApiCatalogue, serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of catalogue.operations) {
    const path = op.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = operation(op);
  }
  const used = new Set(catalogue.operations.flatMap((op) => security(op).flatMap((s) => Object.keys(s as object))));
  const schemes: Record<string, unknown> = {
    apiKey: { type: 'http', scheme: 'bearer', description: 'An organisation API key, sk_live_... (account page, API keys)' },
    machineToken: { type: 'http', scheme: 'bearer', description: 'A sampler node machine token, mt_... (platform administration)' },
    session: { type: 'apiKey', in: 'cookie', name: 'navcast_session', description: 'Portal session; unsafe methods also need the X-CSRF-Token header' },
  };
  const tags = [...new Set(catalogue.operations.map((op) => op.tag))].map((name) => ({ name, description: API_TAGS[name] ?? name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'NAVcast API',
      version: '1',
      description: 'JSON API of the NAVcast portal, for integrations and the Excel add-in. Errors are problem+json (RFC 9457) with a stable `code`.',
      license: { name: 'Proprietary: NAVcast terms of service', identifier: 'LicenseRef-NAVcast-Proprietary' },
      contact: { name: 'NAVcast support', url: `${serverUrl}/` },
    },
    servers: [{ url: serverUrl }],
    tags,
    paths,
    components: {
      securitySchemes: Object.fromEntries(Object.entries(schemes).filter(([name]) => used.has(name))),
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string', description: 'urn:navcast:problem:<code>' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string', description: 'What went wrong and what to do next' },
            code: { type: 'string', description: 'Stable, machine-readable' },
          },
        },
      },
    },
  };
}
