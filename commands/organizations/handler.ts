import { ConcurrencyError } from '../../domain/errors.js';
import type { NewEvent, RecordedEvent } from '../../domain/events/index.js';
import { CommandMetadata, decide, evolve, initialState, OrganizationCommand, organizationStreamId, type OrganizationEvent, type OrganizationState } from '../../domain/organizations/index.js';
import type { EventLog } from '../../domain/ports/index.js';
import { eventIdFor, eventMetadata, parseOrThrow } from '../commandMetadata.js';

/** What handling a command did. */
export interface CommandOutcome {
  readonly streamId: string;
  /** Ids of the events this command recorded (now or, when replayed, originally). */
  readonly eventIds: readonly string[];
  /** True when the command id had been handled before: nothing new was appended. */
  readonly replayed: boolean;
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
export async function handleOrganizationCommand(log: EventLog, rawCommand: OrganizationCommand, rawMeta: CommandMetadata, maxAttempts = 5): Promise<CommandOutcome> {
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
    const metadata = eventMetadata(meta);
    const newEvents: NewEvent[] = decided.map((e, i) => ({ eventId: eventIdFor(meta.commandId, i), eventType: e.type, payload: e.data, metadata }));
    try {
      const result = await log.append(tenantId, streamId, newEvents, { expectedVersion: currentVersion < 0 ? 'no_stream' : currentVersion });
      return { streamId, eventIds: result.positions.map((p) => p.eventId), replayed: result.replayed };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
  }
}
