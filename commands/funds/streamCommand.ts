import { ConcurrencyError } from '../../domain/errors.js';
import type { RecordedEvent } from '../../domain/events/index.js';
import type { CommandMetadata } from '../../domain/organizations/index.js';
import type { EventLog } from '../../domain/ports/index.js';
import { newEvents } from './metadata.js';

/** What a single-stream command did. */
export interface StreamCommandOutcome<E> {
  readonly streamId: string;
  /** The events this command recorded now or, when replayed, originally. */
  readonly events: readonly E[];
  readonly replayed: boolean;
}

/** A decider over one stream: fold and decide (decide may throw rule errors). */
export interface StreamDecider<S, E extends { type: string; data: unknown }> {
  readonly initialState: S;
  evolve(state: S, event: E): S;
  decide(state: S): E[];
}

/**
 * Handles a command on one stream: read, fold, decide, append at the stream's version;
 * on a concurrent writer reload and decide again (up to `maxAttempts`). Idempotent by
 * command id: a stream that already holds events of this command returns those.
 */
export async function handleStreamCommand<S, E extends { type: string; data: unknown }>(
  log: EventLog,
  tenantId: string,
  streamId: string,
  decider: StreamDecider<S, E>,
  meta: CommandMetadata,
  maxAttempts = 10,
): Promise<StreamCommandOutcome<E>> {
  const toEvent = (e: RecordedEvent) => ({ type: e.eventType, data: e.payload }) as E;
  for (let attempt = 1; ; attempt++) {
    const { currentVersion, events } = await log.readStream(tenantId, streamId);
    const earlier = events.filter((e) => e.metadata.commandId === meta.commandId);
    if (earlier.length > 0) return { streamId, events: earlier.map(toEvent), replayed: true };
    const decided = decider.decide(events.map(toEvent).reduce(decider.evolve, decider.initialState));
    if (decided.length === 0) return { streamId, events: [], replayed: false };
    try {
      await log.append(tenantId, streamId, newEvents(meta, streamId, decided), { expectedVersion: currentVersion < 0 ? 'no_stream' : currentVersion });
      return { streamId, events: decided, replayed: false };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
  }
}
