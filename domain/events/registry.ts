/**
 * The event-type registry: every event type has a zod schema and a current schema version
 * (1, 2, ...). Events are always written in the current version; reading an older one runs
 * the upcasters v -> v+1 in turn and then parses with the current schema.
 */
import type { z } from 'zod';
import { EventDecodingError, UnknownEventTypeError, ValidationError } from '../errors.js';
import { EventTypeSchema } from './envelope.js';

/** Turns a payload of schema version `v` into version `v + 1`. Pure. */
export type Upcaster = (payload: unknown) => unknown;

/** One event type: name, current version, schema of the current version, upcasters. */
export interface EventDefinition<TType extends string = string, TPayload = unknown> {
  readonly type: TType;
  readonly schemaVersion: number;
  readonly schema: z.ZodType<TPayload>;
  /** upcasters[v] maps version v to v + 1, for every v from 1 to schemaVersion - 1. */
  readonly upcasters: Readonly<Record<number, Upcaster>>;
}

/** Declares an event type. `schemaVersion` defaults to 1 (no upcasters needed). */
export function defineEvent<const TType extends string, TSchema extends z.ZodType>(definition: {
  type: TType;
  schema: TSchema;
  schemaVersion?: number;
  upcasters?: Record<number, Upcaster>;
}): EventDefinition<TType, z.output<TSchema>> {
  const schemaVersion = definition.schemaVersion ?? 1;
  if (!EventTypeSchema.safeParse(definition.type).success) {
    throw new ValidationError(`event type ${definition.type} is not a PascalCase name`);
  }
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new ValidationError(`event type ${definition.type}: schemaVersion must be an integer >= 1`);
  }
  const upcasters = definition.upcasters ?? {};
  for (let v = 1; v < schemaVersion; v++) {
    if (typeof upcasters[v] !== 'function') {
      throw new ValidationError(`event type ${definition.type}: missing upcaster from version ${v} to ${v + 1}`);
    }
  }
  return { type: definition.type, schemaVersion, schema: definition.schema as z.ZodType<z.output<TSchema>>, upcasters };
}

/** A payload ready to store: validated against the current schema, version stamped. */
export interface EncodedPayload {
  readonly eventType: string;
  readonly schemaVersion: number;
  readonly payload: unknown;
}

/** The set of event types a process knows. Unknown types fail loudly on write and read. */
export class EventTypeRegistry {
  readonly #definitions = new Map<string, EventDefinition>();

  /** Registers definitions; registering the same type twice is an error. */
  register(...definitions: readonly EventDefinition[]): this {
    for (const definition of definitions) {
      if (this.#definitions.has(definition.type)) {
        throw new ValidationError(`event type ${definition.type} is registered twice`);
      }
      this.#definitions.set(definition.type, definition);
    }
    return this;
  }

  has(eventType: string): boolean {
    return this.#definitions.has(eventType);
  }

  /** The definition of a type, or UnknownEventTypeError. */
  definition(eventType: string): EventDefinition {
    const found = this.#definitions.get(eventType);
    if (found === undefined) throw new UnknownEventTypeError(eventType);
    return found;
  }

  /** Validates a new event's payload against the current schema (output of the parse is stored). */
  encode(eventType: string, payload: unknown): EncodedPayload {
    const definition = this.definition(eventType);
    const parsed = definition.schema.safeParse(payload);
    if (!parsed.success) {
      throw new ValidationError(
        `payload of ${eventType} does not match schema version ${definition.schemaVersion}`,
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      );
    }
    return { eventType, schemaVersion: definition.schemaVersion, payload: parsed.data };
  }

  /** Upcasts a stored payload from `schemaVersion` to the current version and parses it. */
  decode(eventType: string, schemaVersion: number, payload: unknown): unknown {
    const definition = this.definition(eventType);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > definition.schemaVersion) {
      throw new UnknownEventTypeError(eventType, schemaVersion);
    }
    let current = payload;
    for (let v = schemaVersion; v < definition.schemaVersion; v++) current = definition.upcasters[v](current);
    const parsed = definition.schema.safeParse(current);
    if (!parsed.success) {
      throw new EventDecodingError(`stored ${eventType} v${schemaVersion} does not parse as v${definition.schemaVersion}: ${parsed.error.message}`);
    }
    return parsed.data;
  }
}
