import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { ConcurrencyError, ValidationError } from '../../domain/errors.js';
import type { EventMetadata, NewEvent, RecordedEvent } from '../../domain/events/index.js';
import {
  CommandMetadata,
  decide,
  evolve,
  initialState,
  OrganizationCommand,
  organizationStreamId,
  type Actor,
  type OrganizationEvent,
  type OrganizationState,
} from '../../domain/organizations/index.js';
import type { EventLog } from '../../domain/ports/index.js';

/** What handling a command did. */
export interface CommandOutcome {
  readonly streamId: string;
  /** Ids of the events this command recorded (now or, when replayed, originally). */
  readonly eventIds: readonly string[];
  /** True when the command id had been handled before: nothing new was appended. */
  readonly replayed: boolean;
}

/** Event ids are derived from the command id, so a retried command appends nothing twice. */
export function eventIdFor(commandId: string, index: number): string {
  const h = createHash('sha256').update(`event|${commandId}|${index}`).digest('hex');
  // UUID version 8 (custom), RFC 9562 variant bits.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ValidationError(`invalid ${what}: ${issues.join('; ')}`, issues);
}

function logActor(actor: Actor): EventMetadata['actor'] {
  return actor.kind === 'user' ? { kind: 'user', id: actor.userId } : { kind: 'system', id: `operator:${actor.name}` };
}

function toDomainEvent(event: RecordedEvent): OrganizationEvent {
  return { type: event.eventType, data: event.payload } as OrganizationEvent;
}

/**
 * Handles one organisation command: read the `org-<orgId>` stream, fold it, decide, and
 * append with the stream's version as the expected version. A concurrent writer makes the
 * append fail with ConcurrencyError; the handler then reloads and decides again, up to
 * `maxAttempts` times. Idempotent by command id: a command whose id the stream already
 * holds returns its original events without deciding again.
 */
export async function handleOrganizationCommand(
  log: EventLog,
  rawCommand: OrganizationCommand,
  rawMeta: CommandMetadata,
  maxAttempts = 5,
): Promise<CommandOutcome> {
  const command = parseOrThrow(OrganizationCommand, rawCommand, 'command');
  const meta = parseOrThrow(CommandMetadata, rawMeta, 'command metadata');
  const tenantId = command.orgId;
  const streamId = organizationStreamId(tenantId);
  for (let attempt = 1; ; attempt++) {
    const { currentVersion, events } = await log.readStream(tenantId, streamId);
    const earlier = events.filter((e) => e.metadata.commandId === meta.commandId);
    if (earlier.length > 0) return { streamId, eventIds: earlier.map((e) => e.eventId), replayed: true };
    const state = events.map(toDomainEvent).reduce<OrganizationState>(evolve, initialState);
    const decided = decide(command, state, meta);
    if (decided.length === 0) return { streamId, eventIds: [], replayed: false };
    const metadata: EventMetadata = {
      actor: logActor(meta.actor),
      commandId: meta.commandId,
      correlationId: meta.correlationId ?? meta.commandId,
      causationId: meta.causationId ?? meta.commandId,
    };
    const newEvents: NewEvent[] = decided.map((e, i) => ({ eventId: eventIdFor(meta.commandId, i), eventType: e.type, payload: e.data, metadata }));
    try {
      const result = await log.append(tenantId, streamId, newEvents, { expectedVersion: currentVersion < 0 ? 'no_stream' : currentVersion });
      return { streamId, eventIds: result.positions.map((p) => p.eventId), replayed: result.replayed };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
  }
}
