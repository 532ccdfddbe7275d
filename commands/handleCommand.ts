/**
 * The one command handler (docs/architecture.md, "Commands"): load the stream, fold it with
 * the decider, decide, append with the version read as the expected version; on a
 * concurrent writer reload and decide again. Idempotent by command id: a stream that already
 * holds events of this command returns those without deciding again. Every command on one
 * stream (organisations, users, credentials, fund settings, evergreen funds, market series)
 * goes through `handleCommand`; the upload, which appends to many streams in one transaction,
 * composes the same `fold`, `decide`, `newEvents` and `retryOnConflict`.
 */
import { fold, type Decider, type DomainEvent } from '../domain/decider.js';
import { ConcurrencyError, StreamOrderConflictError } from '../domain/errors.js';
import type { RecordedEvent } from '../domain/events/index.js';
import type { CommandMetadata } from '../domain/organizations/index.js';
import type { EventLog, ExpectedVersion, ReadStreamResult } from '../domain/ports/index.js';
import { newEvents } from './commandMetadata.js';

/** The stream a command is decided on. */
export interface CommandTarget {
  readonly tenantId: string;
  readonly streamId: string;
}

/** What handling a command did. */
export interface CommandOutcome<E> {
  readonly streamId: string;
  /** The events this command recorded, now or (when replayed) originally. */
  readonly events: readonly E[];
  readonly eventIds: readonly string[];
  /** True when the command id had been handled before: nothing new was appended. */
  readonly replayed: boolean;
}

export interface CommandOptions {
  /** Attempts on concurrent writers before the conflict is thrown (default 10). */
  readonly maxAttempts?: number;
}

/** An event read from the log as its decider sees it (the log decoded it through the registry's schemas). */
export function toDomainEvent<E extends DomainEvent>(event: RecordedEvent): E {
  return { type: event.eventType, data: event.payload } as E;
}

/** The expected version of an append after reading `stream`. */
export function expectedVersionOf(stream: ReadStreamResult): ExpectedVersion {
  return stream.currentVersion < 0 ? 'no_stream' : stream.currentVersion;
}

/**
 * Runs `attempt` until it does not fail on a concurrent writer (ConcurrencyError, or
 * StreamOrderConflictError from a younger transaction), backing off a little at random between attempts so that racing
 * writers of one stream do not collide forever. Other errors, and the last conflict, are thrown.
 */
export async function retryOnConflict<T>(maxAttempts: number, attempt: (n: number) => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const conflict = error instanceof ConcurrencyError || error instanceof StreamOrderConflictError;
      if (!conflict || n >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * n));
    }
  }
}

/** Handles one command on one stream; see the module comment. */
export async function handleCommand<C, E extends DomainEvent, S>(
  log: EventLog,
  decider: Decider<C, E, S>,
  target: CommandTarget,
  command: C,
  meta: CommandMetadata,
  options: CommandOptions = {},
): Promise<CommandOutcome<E>> {
  const { tenantId, streamId } = target;
  return await retryOnConflict(options.maxAttempts ?? 10, async () => {
    const stream = await log.readStream(tenantId, streamId);
    const earlier = stream.events.filter((e) => e.metadata.commandId === meta.commandId);
    if (earlier.length > 0) return { streamId, events: earlier.map((e) => toDomainEvent<E>(e)), eventIds: earlier.map((e) => e.eventId), replayed: true };
    const decided = decider.decide(
      command,
      fold(
        decider,
        stream.events.map((e) => toDomainEvent<E>(e)),
      ),
      meta,
    );
    if (decided.length === 0) return { streamId, events: [], eventIds: [], replayed: false };
    const result = await log.append(tenantId, streamId, newEvents(meta, streamId, decided), { expectedVersion: expectedVersionOf(stream) });
    return { streamId, events: decided, eventIds: result.positions.map((p) => p.eventId), replayed: result.replayed };
  });
}
