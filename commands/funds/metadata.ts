import { ValidationError } from '../../domain/errors.js';
import type { EventMetadata, NewEvent } from '../../domain/events/index.js';
import type { Actor, CommandMetadata } from '../../domain/organizations/index.js';
import { eventIdFor } from '../organizations/index.js';
import type { z } from 'zod';

/** Parses a boundary value or throws ValidationError listing every issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ValidationError(`invalid ${what}: ${issues.join('; ')}`, issues);
}

function logActor(actor: Actor): EventMetadata['actor'] {
  return actor.kind === 'user' ? { kind: 'user', id: actor.userId } : { kind: 'system', id: `operator:${actor.name}` };
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
