/** Public surface of the event envelope, hashing and registry. */
export {
  GENESIS_HASH,
  canonicalJson,
  chainHashOf,
  computeEventHashes,
  entryHashOf,
  payloadHashOf,
  sha256HexOfText,
  type EntryEnvelope,
  type EventHashes,
  type HashableEventRow,
} from './canonical.js';
export {
  ActorSchema,
  EventIdSchema,
  EventMetadataSchema,
  EventTypeSchema,
  RecordedAtSchema,
  StreamIdSchema,
  TenantIdSchema,
  uuidText,
  type Actor,
  type EventChainHashes,
  type EventCoordinates,
  type EventMetadata,
  type GlobalPosition,
  type NewEvent,
  type RecordedEvent,
  type StoredEventRow,
  type TenantId,
} from './envelope.js';
export { EVENT_PAYLOAD_REDACTED, EventPayloadRedacted, type EventPayloadRedactedPayload } from './redaction.js';
export { EventTypeRegistry, defineEvent, type EncodedPayload, type EventDefinition, type Upcaster } from './registry.js';
export { PLATFORM_TENANT_ID, isPlatformTenant } from './tenants.js';
