import { z } from 'zod';

/**
 * The JSON Schema of a zod schema as a request reads it (`input`) or a response is written
 * (`output`): the one conversion behind /openapi.json and the routes' compiled response
 * serializers (web/api/apiRoute.ts).
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
