import type { FastifyInstance } from 'fastify';
import type { ApiCatalogue } from './apiRoute.js';
import { openApiDocument } from './openApiDocument.js';

/**
 * GET /openapi.json: the document of the JSON API, built from the registered operations. Its
 * server is `publicUrl` (NAVCAST_PUBLIC_URL) when set, else the address the request came to.
 */
export function registerOpenApiRoute(app: FastifyInstance, catalogue: ApiCatalogue, publicUrl: string | undefined): void {
  app.get('/openapi.json', { config: { access: { public: 'the API description integrators and code generators read before they have a key' } } }, async (request) =>
    openApiDocument(catalogue, publicUrl ?? `${request.protocol}://${request.host}`),
  );
}
