import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { EventDecodingError, UnknownEventTypeError, ValidationError } from '../../domain/errors.js';
import { EventTypeRegistry, defineEvent } from '../../domain/events/registry.js';

// v1 had `name`; v2 split it into first/last; v3 added `tags` with a default of [].
const PersonNamed = defineEvent({
  type: 'PersonNamed',
  schemaVersion: 3,
  schema: z.object({ first: z.string(), last: z.string(), tags: z.array(z.string()) }),
  upcasters: {
    1: (p) => {
      const [first, ...rest] = (p as { name: string }).name.split(' ');
      return { first, last: rest.join(' ') };
    },
    2: (p) => ({ ...(p as object), tags: [] }),
  },
});

describe('event-type registry', () => {
  const registry = new EventTypeRegistry().register(PersonNamed);

  it('encodes in the current version and validates the payload', () => {
    expect(registry.encode('PersonNamed', { first: 'Ada', last: 'Lovelace', tags: ['x'] })).toEqual({
      eventType: 'PersonNamed',
      schemaVersion: 3,
      payload: { first: 'Ada', last: 'Lovelace', tags: ['x'] },
    });
    expect(() => registry.encode('PersonNamed', { name: 'Ada Lovelace' })).toThrow(ValidationError);
  });

  it('upcasts old versions step by step on decode', () => {
    expect(registry.decode('PersonNamed', 1, { name: 'Ada King Lovelace' })).toEqual({ first: 'Ada', last: 'King Lovelace', tags: [] });
    expect(registry.decode('PersonNamed', 2, { first: 'A', last: 'B' })).toEqual({ first: 'A', last: 'B', tags: [] });
    expect(registry.decode('PersonNamed', 3, { first: 'A', last: 'B', tags: ['t'] })).toEqual({ first: 'A', last: 'B', tags: ['t'] });
  });

  it('fails loudly on unknown types and versions and on payloads that do not parse', () => {
    expect(() => registry.decode('Nope', 1, {})).toThrow(UnknownEventTypeError);
    expect(() => registry.decode('PersonNamed', 4, {})).toThrow(UnknownEventTypeError);
    expect(() => registry.decode('PersonNamed', 0, {})).toThrow(UnknownEventTypeError);
    expect(() => registry.decode('PersonNamed', 3, { first: 1 })).toThrow(EventDecodingError);
    expect(() => registry.encode('Nope', {})).toThrow(UnknownEventTypeError);
  });

  it('refuses definitions with missing upcasters, bad names and double registration', () => {
    expect(() => defineEvent({ type: 'X', schemaVersion: 2, schema: z.object({}) })).toThrow(/missing upcaster from version 1/);
    expect(() => defineEvent({ type: 'thing_happened', schema: z.object({}) })).toThrow(ValidationError);
    expect(() => new EventTypeRegistry().register(PersonNamed, PersonNamed)).toThrow(/registered twice/);
  });
});
