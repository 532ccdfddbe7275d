/**
 * The redaction event. A payload in the log can be nulled (GDPR erasure) only when an
 * `EventPayloadRedacted` naming that event and its payload hash is recorded in the same
 * tenant's chain; the database trigger checks exactly the two fields below. The chain keeps
 * verifying because entry hashes cover the payload hash, not the payload.
 */
import { Sha256Hex } from '../hex.js';
import { z } from 'zod';
import { EventIdSchema } from './envelope.js';
import { defineEvent } from './registry.js';

/** Event type name the database's redaction trigger looks for (keep in sync with SQL). */
export const EVENT_PAYLOAD_REDACTED = 'EventPayloadRedacted';

export const EventPayloadRedacted = defineEvent({
  type: EVENT_PAYLOAD_REDACTED,
  schema: z.object({
    targetEventId: EventIdSchema,
    /** payload_hash of the target as recorded: proves which bytes were erased. */
    targetPayloadHash: Sha256Hex,
    reason: z.string().min(1).max(500),
  }),
});
export type EventPayloadRedactedPayload = z.infer<typeof EventPayloadRedacted.schema>;
