/**
 * The event envelope: what every event carries besides its payload, as zod schemas (the
 * boundary parsers) and the TypeScript types inferred from them.
 */
import { z } from 'zod';
import type { HashableEventRow } from './canonical.js';

/** Lowercase canonical UUID text: the form PostgreSQL's `uuid` type prints, so hashes agree. */
export const uuidText = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'lowercase UUID text');

/** Tenant (organisation) id. */
export const TenantIdSchema = uuidText;
export type TenantId = z.infer<typeof TenantIdSchema>;

/** Event id: the idempotency key of an event within its tenant. */
export const EventIdSchema = uuidText;

/** Stream ids are `<category>-<id>`, e.g. `org-3f0c...`. */
export const StreamIdSchema = z
  .string()
  .min(3)
  .max(300)
  .regex(/^[A-Za-z][A-Za-z0-9_]*-\S+$/, 'stream id <category>-<id>');

/** Event type names are PascalCase facts in the past tense, e.g. `OrganizationCreated`. */
export const EventTypeSchema = z
  .string()
  .max(120)
  .regex(/^[A-Z][A-Za-z0-9]*$/, 'PascalCase event type');

/** `Date.prototype.toISOString()` form; the log stores and hashes exactly this text. */
export const RecordedAtSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'ISO-8601 UTC with milliseconds')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, 'a real instant');

/** Who caused an event: a person, an API key, a sampler node or the platform itself. */
export const ActorSchema = z.object({
  kind: z.enum(['user', 'api_key', 'node', 'system']),
  id: z.string().min(1).max(200),
});
export type Actor = z.infer<typeof ActorSchema>;

/**
 * Metadata of every event. `commandId` is the idempotency key of the command that decided
 * the event; `correlationId` groups a whole flow; `causationId` names the event or command
 * that caused this one (null for a flow's first step). Extra keys are kept and hashed.
 */
export const EventMetadataSchema = z.looseObject({
  actor: ActorSchema,
  commandId: z.string().min(1).max(200),
  correlationId: z.string().min(1).max(200),
  causationId: z.string().min(1).max(200).nullable(),
});
export type EventMetadata = z.infer<typeof EventMetadataSchema>;

/** An event a command decided, before the log gives it a position. */
export interface NewEvent<TPayload = unknown> {
  readonly eventId: string;
  readonly eventType: string;
  /** The payload in its current schema version (the registry stamps the version). */
  readonly payload: TPayload;
  readonly metadata: EventMetadata;
  /** Defaults to the appender's clock; decide() never reads the clock itself. */
  readonly recordedAt?: string;
}

/** Position of an event in the cross-tenant feed: (transaction id, global position). */
export interface GlobalPosition {
  /** xid8 of the appending transaction, as decimal text (it exceeds 2^53 in principle). */
  readonly txId: string;
  readonly globalPos: number;
}

/** The stored hash chain fields of a recorded event (lowercase hex, 64 characters). */
export interface EventChainHashes {
  readonly payloadHash: string;
  readonly prevHash: string;
  readonly entryHash: string;
  readonly chainHash: string;
}

/** Where an event sits: tenant and stream coordinates plus identity and type. */
export interface EventCoordinates {
  readonly tenantId: string;
  /** 1, 2, 3... dense per tenant in commit order. */
  readonly tenantSeq: number;
  readonly streamId: string;
  /** 0 for a stream's first event. */
  readonly streamVersion: number;
  readonly eventId: string;
  readonly eventType: string;
}

/** An event as read back from the log, payload decoded and upcast to its current version. */
export interface RecordedEvent<TPayload = unknown> extends EventCoordinates {
  /** Schema version the payload was written in (the payload itself is upcast to current). */
  readonly storedSchemaVersion: number;
  /** Null when the payload was redacted. */
  readonly payload: TPayload | null;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
  readonly hashes: EventChainHashes;
  readonly position: GlobalPosition;
}

/**
 * A row of the log exactly as stored, for the verifier and exports: nothing decoded or
 * upcast. `payload` is the exact canonical text (null once redacted); the hash fields are
 * the stored ones, to compare with computeEventHashes(row).
 */
export interface StoredEventRow extends HashableEventRow, EventChainHashes {
  readonly txId: string;
  readonly globalPos: number;
}
