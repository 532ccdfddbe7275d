/**
 * Every error an API operation can answer with, as (status, problem codes): those of its kind,
 * from its access and its shape, and its own (`ApiOperation.errors`). The OpenAPI document
 * lists them, and the contract check (contractCheck.ts) refuses any other.
 */
import type { DocumentedOperation } from './apiRoute.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function operationErrors(op: DocumentedOperation): ReadonlyMap<number, readonly string[]> {
  const errors = new Map<number, Set<string>>();
  const add = (status: number, ...codes: readonly string[]) => {
    const set = errors.get(status) ?? new Set<string>();
    for (const code of codes) set.add(code);
    errors.set(status, set);
  };
  if (op.params !== undefined || op.query !== undefined || op.body !== undefined) add(400, 'invalid_request');
  if (op.body !== undefined) add(400, 'invalid_json', 'invalid_content_length');
  if (!('public' in op.access)) {
    add(401, 'authentication_required', 'invalid_authorization', 'invalid_token');
    add(403, 'forbidden');
    // A session (cookie) must send its CSRF token on unsafe methods; bearer calls need none.
    if (UNSAFE.has(op.method) && !('machine' in op.access)) add(403, 'csrf_token_invalid');
  }
  if (op.body !== undefined || op.requestContent !== undefined) {
    add(413, 'body_too_large');
    add(415, 'unsupported_media_type');
  }
  for (const [status, codes] of Object.entries(op.errors ?? {})) add(Number(status), ...(codes ?? []));
  // Every operation is rate limited per principal (ApiCatalogue), with Retry-After.
  add(429, 'rate_limited');
  add(503, 'database_unavailable');
  // Workbooks are parsed in a bounded worker pool, which refuses work beyond its queue.
  if (op.requestContent !== undefined) add(503, 'service_busy');
  return new Map([...errors].sort(([a], [b]) => a - b).map(([status, codes]) => [status, [...codes].sort()]));
}
