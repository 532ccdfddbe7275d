/**
 * What every command handler does at its boundary: parse the command and its metadata, and
 * turn command metadata into the log metadata and deterministic ids of the events it decides.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { ValidationError } from '../domain/errors.js';
import type { EventMetadata, NewEvent } from '../domain/events/index.js';
import type { Actor, CommandMetadata } from '../domain/organizations/index.js';

/** Parses a boundary value or throws ValidationError listing every issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ValidationError(`invalid ${what}: ${issues.join('; ')}`, issues);
}

/** Event ids are derived from the command id, so a retried command appends nothing twice. */
export function eventIdFor(commandId: string, index: number): string {
  const h = createHash('sha256').update(`event|${commandId}|${index}`).digest('hex');
  // UUID version 8 (custom), RFC 9562 variant bits.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function logActor(actor: Actor): EventMetadata['actor'] {
  switch (actor.kind) {
    case 'user':
      return { kind: 'user', id: actor.userId };
    case 'apiKey':
      return { kind: 'api_key', id: actor.keyId };
    case 'operator':
      return { kind: 'system', id: `operator:${actor.name}` };
  }
}

/** The log metadata of every event a command decides. */
export function eventMetadata(meta: CommandMetadata): EventMetadata {
  return {
    actor: logActor(meta.actor),
    commandId: meta.commandId,
    correlationId: meta.correlationId ?? meta.commandId,
    causationId: meta.causationId ?? meta.commandId,
  };
}

/**
 * New events of one stream, with ids derived from (command id, stream, index): a retried
 * command produces the same ids, which the log recognises as a replay.
 */
export function newEvents(meta: CommandMetadata, streamId: string, decided: readonly { type: string; data: unknown }[]): NewEvent[] {
  const metadata = eventMetadata(meta);
  return decided.map((e, i) => ({ eventId: eventIdFor(`${meta.commandId}|${streamId}`, i), eventType: e.type, payload: e.data, metadata }));
}
