import type { NewEvent } from '../../domain/events/index.js';
import type { CommandMetadata } from '../../domain/organizations/index.js';
import { eventIdFor, eventMetadata } from '../commandMetadata.js';

/**
 * New events of one stream, with ids derived from (command id, stream, index): a retried
 * command produces the same ids, which the log recognises as a replay.
 */
export function newEvents(meta: CommandMetadata, streamId: string, decided: readonly { type: string; data: unknown }[]): NewEvent[] {
  const metadata = eventMetadata(meta);
  return decided.map((e, i) => ({ eventId: eventIdFor(`${meta.commandId}|${streamId}`, i), eventType: e.type, payload: e.data, metadata }));
}
