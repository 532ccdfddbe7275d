import type { FastifyInstance } from 'fastify';
import type { ApiCatalogue } from './apiRoute.js';
import { openApiDocument } from './openApiDocument.js';

/** GET /openapi.json: the document of the JSON API, built from the registered operations. */
export function registerOpenApiRoute(app: FastifyInstance, catalogue: ApiCatalogue): void {
  app.get('/openapi.json', { config: { access: { public: 'the API description integrators and code generators read before they have a key' } } }, async () => openApiDocument(catalogue));
}
