import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiCatalogue, DuplicateOperationIdError } from './apiRoute.js';
import { ConditionalReads } from './conditional.js';
import { ResponseCache } from './responseCache.js';

function catalogue(): ApiCatalogue {
  const reads = new ConditionalReads(async () => ({ orgId: '00000000-0000-4000-8000-000000000000', checkpoint: 'c' }), new ResponseCache(0));
  return new ApiCatalogue(reads, { max: 1000, timeWindow: '1 minute' }, async () => {});
}

describe('ApiCatalogue', () => {
  it('writes a success with the serializer compiled from its response schema: no field the schema does not list', async () => {
    const app = Fastify();
    const apis = catalogue();
    apis.add(app, {
      method: 'GET',
      url: '/api/v1/thing',
      operationId: 'getThing',
      access: { public: 'test' },
      tag: 'funds',
      summary: 'a thing',
      response: z.object({ name: z.string(), amount: z.number().nullable() }),
      // An extra field (as a row spread into a response by mistake would add) and a number as text.
      handler: async () => ({ name: 'Nordic', amount: null, passwordHash: 'must not leave' }) as never,
    });
    const response = await app.inject({ method: 'GET', url: '/api/v1/thing' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: 'Nordic', amount: null });
    expect(response.headers['cache-control']).toBe('private, no-cache');
    await app.close();
  });

  it('refuses a second operation with the same operationId', () => {
    const app = Fastify();
    const apis = catalogue();
    const op = { method: 'GET' as const, url: '/a', operationId: 'same', access: { public: 'test' }, tag: 'funds', summary: 's', response: z.object({}), handler: async () => ({}) };
    apis.add(app, op);
    expect(() => apis.add(app, { ...op, url: '/b' })).toThrow(DuplicateOperationIdError);
  });
});
