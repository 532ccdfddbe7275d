/**
 * Redaction (erasure of one payload) in two steps: record EventPayloadRedacted naming the
 * target and its payload hash, then null the stored payload. The database refuses the
 * second step without the first (trigger in migration 0004); the chain keeps verifying.
 */
import type pg from 'pg';
import { EVENT_PAYLOAD_REDACTED, type EventMetadata, type EventPayloadRedactedPayload } from '../../domain/events/index.js';
import { NotFoundError } from '../../domain/errors.js';
import type { EventLog } from '../../domain/ports/index.js';
import { mapLogSqlError } from './sqlErrors.js';
import { withTenant } from './tenantScope.js';

/** Nulls a payload whose redaction is recorded; false when it was already null. */
export async function redactPayload(pool: pg.Pool, tenantId: string, eventId: string): Promise<boolean> {
  try {
    const { rows } = await pool.query<{ redacted: boolean }>('SELECT navcast_redact_payload($1::uuid, $2::uuid) AS redacted', [tenantId, eventId]);
    return rows[0].redacted;
  } catch (error) {
    throw mapLogSqlError(error) ?? error;
  }
}

export interface RedactionRequest {
  readonly tenantId: string;
  /** Stream that records the redaction (usually the target's own stream). */
  readonly streamId: string;
  /** Id of the EventPayloadRedacted event (the idempotency key of this redaction). */
  readonly eventId: string;
  readonly targetEventId: string;
  readonly reason: string;
  readonly metadata: EventMetadata;
}

/** Records the redaction event, then nulls the target's payload. */
export async function recordRedaction(pool: pg.Pool, log: EventLog, request: RedactionRequest): Promise<void> {
  const target = await withTenant(pool, request.tenantId, (client) =>
    client.query<{ payload_hash: string }>('SELECT payload_hash FROM events WHERE tenant_id = $1 AND event_id = $2', [request.tenantId, request.targetEventId]),
  );
  if (target.rows.length === 0) throw new NotFoundError(`no event ${request.targetEventId} in tenant ${request.tenantId}`);
  const payload: EventPayloadRedactedPayload = {
    targetEventId: request.targetEventId,
    targetPayloadHash: target.rows[0].payload_hash,
    reason: request.reason,
  };
  await log.append(request.tenantId, request.streamId, [{ eventId: request.eventId, eventType: EVENT_PAYLOAD_REDACTED, payload, metadata: request.metadata }]);
  await redactPayload(pool, request.tenantId, request.targetEventId);
}
