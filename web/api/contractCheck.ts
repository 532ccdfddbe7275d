/**
 * The contract check (AppDependencies.checkResponses; on in every integration test): each
 * response of a documented operation must be what /openapi.json says. A success must have the
 * operation's status and parse with its response schema; an error must have a documented
 * status and problem code (operationErrors.ts), or be a 500. A response that breaks the
 * contract is replaced by a 500 problem `api_contract_violated` naming the difference, so the
 * test that provoked it fails.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentedOperation } from './apiRoute.js';
import { operationErrors } from './operationErrors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by ApiCatalogue.add on every documented JSON API route. */
    operation?: DocumentedOperation;
  }
}

/** Why `payload` with `status` is not what `op` documents, or undefined when it is. */
export function contractViolation(op: DocumentedOperation, status: number, contentType: string, payload: unknown): string | undefined {
  const json = contentType.startsWith('application/json') || contentType.startsWith('application/problem+json');
  const body = () => (typeof payload === 'string' ? JSON.parse(payload) : Buffer.isBuffer(payload) ? JSON.parse(payload.toString('utf8')) : payload);
  if (status === op.status) {
    if (op.responseContent !== undefined) return undefined; // a file: its media types are documented, not its bytes
    if (!json) return `success answered ${contentType}, not application/json`;
    const parsed = op.response.safeParse(body());
    return parsed.success ? undefined : `the ${status} body does not match the response schema: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
  }
  if (status === 500) return undefined;
  if (status === 304)
    return op.conditional === undefined ? 'answered 304 but is not a conditional read' : payload === '' || payload === undefined || payload === null ? undefined : 'a 304 carries a body';
  const codes = operationErrors(op).get(status);
  if (codes === undefined) return `status ${status} is not documented`;
  if (!contentType.startsWith('application/problem+json')) return `error ${status} answered ${contentType}, not application/problem+json`;
  const code = (body() as { code?: unknown }).code;
  return typeof code === 'string' && codes.includes(code) ? undefined : `problem code ${String(code)} is not documented for status ${status} (documented: ${codes.join(', ')})`;
}

export function installContractCheck(app: FastifyInstance): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const op = request.routeOptions.config.operation;
    if (op === undefined) return payload;
    const violation = contractViolation(op, reply.statusCode, String(reply.getHeader('content-type') ?? ''), payload);
    if (violation === undefined) return payload;
    request.log.error({ operationId: op.operationId, violation }, 'API contract violated');
    reply.code(500).type('application/problem+json');
    return JSON.stringify({ type: 'urn:navcast:problem:api_contract_violated', title: 'Internal server error', status: 500, code: 'api_contract_violated', detail: `${op.operationId}: ${violation}` });
  });
}
