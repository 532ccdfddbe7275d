import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DocumentedOperation } from './apiRoute.js';
import { contractViolation } from './contractCheck.js';

const op: DocumentedOperation = {
  method: 'GET',
  url: '/api/v1/things/:id',
  operationId: 'getThing',
  access: { role: 'viewer' },
  tag: 'things',
  summary: 'One thing',
  params: z.object({ id: z.string() }),
  response: z.object({ id: z.string(), count: z.number().int() }),
  status: 200,
  errors: { 404: ['thing_not_found'] },
};
const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM = 'application/problem+json';

describe('contract check', () => {
  it('accepts a success that parses with the response schema', () => {
    expect(contractViolation(op, 200, JSON_TYPE, JSON.stringify({ id: 'a', count: 2 }))).toBeUndefined();
  });

  it('refuses a success body the schema does not describe, naming the field', () => {
    expect(contractViolation(op, 200, JSON_TYPE, JSON.stringify({ id: 'a', count: 'two' }))).toMatch(/count/);
    expect(contractViolation(op, 200, 'text/html', '<p>')).toMatch(/not application\/json/);
  });

  it('accepts documented problems (its own and those of its kind) and refuses others', () => {
    expect(contractViolation(op, 404, PROBLEM, JSON.stringify({ code: 'thing_not_found' }))).toBeUndefined();
    expect(contractViolation(op, 400, PROBLEM, JSON.stringify({ code: 'invalid_request' }))).toBeUndefined();
    expect(contractViolation(op, 401, PROBLEM, JSON.stringify({ code: 'invalid_token' }))).toBeUndefined();
    expect(contractViolation(op, 404, PROBLEM, JSON.stringify({ code: 'fund_not_found' }))).toMatch(/fund_not_found is not documented/);
    expect(contractViolation(op, 409, PROBLEM, JSON.stringify({ code: 'conflict' }))).toMatch(/409 is not documented/);
    expect(contractViolation(op, 404, JSON_TYPE, JSON.stringify({ code: 'thing_not_found' }))).toMatch(/not application\/problem\+json/);
  });

  it('leaves 500 to the error handler, and a GET without a body has no 413 or 415', () => {
    expect(contractViolation(op, 500, PROBLEM, JSON.stringify({ code: 'internal_error' }))).toBeUndefined();
    expect(contractViolation(op, 415, PROBLEM, JSON.stringify({ code: 'unsupported_media_type' }))).toMatch(/415 is not documented/);
  });
});
