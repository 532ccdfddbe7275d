/**
 * The wire format between the adapter and navcast_append (migration 0003): encoding of
 * append requests (payload and metadata as canonical JSON text, recordedAt as ISO text)
 * and parsing of the per-request outcomes it returns.
 */
import { z } from 'zod';
import { canonicalJson, EventIdSchema, EventMetadataSchema, RecordedAtSchema, StreamIdSchema, type EventTypeRegistry, type NewEvent } from '../../domain/events/index.js';
import { ValidationError } from '../../domain/errors.js';
import type { ExpectedVersion } from '../../domain/ports/index.js';

/** One event as navcast_append takes it. */
export interface WireEvent {
  readonly eventId: string;
  readonly eventType: string;
  readonly schemaVersion: number;
  /** Canonical JSON text: exactly the stored bytes. */
  readonly payload: string;
  /** Canonical JSON text: exactly what the entry hash covers. */
  readonly metadata: string;
  readonly recordedAt: string;
}

/** One append request (one stream) as navcast_append takes it. */
export interface WireRequest {
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly WireEvent[];
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(
      `invalid ${what}`,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}

const ExpectedVersionSchema = z.union([z.literal(['any', 'no_stream', 'stream_exists']), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

const isoMillis = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The clock's time in the stored form. toISOString() of a valid Date is a real instant, so
 * only its shape needs checking (years past 9999 are written with a sign); an invalid Date
 * throws RangeError. RecordedAtSchema's round-trip check is for times callers supply.
 */
function clockTime(now: () => Date): string {
  const iso = now().toISOString();
  if (!isoMillis.test(iso)) throw new ValidationError(`the clock's time ${iso} is not ISO-8601 UTC with milliseconds`);
  return iso;
}

/** Stream ids are compared after NFC normalization, on write and on read. */
export function normalizeStreamId(streamId: string): string {
  return parseOrThrow(StreamIdSchema, streamId.normalize('NFC'), 'stream id');
}

/**
 * Validates and encodes one append: ids, payloads against the registry's current schema
 * (its parse output is what is stored), metadata, recordedAt (defaulting to `now`).
 */
export function encodeAppend(registry: EventTypeRegistry, streamId: string, events: readonly NewEvent[], expected: ExpectedVersion, now: () => Date): WireRequest {
  if (events.length === 0) throw new ValidationError('an append needs at least one event');
  const ids = new Set<string>();
  const wire = events.map((event): WireEvent => {
    const eventId = parseOrThrow(EventIdSchema, event.eventId, 'event id');
    if (ids.has(eventId)) throw new ValidationError(`event id ${eventId} occurs twice in one append`);
    ids.add(eventId);
    const encoded = registry.encode(event.eventType, event.payload);
    const metadata = parseOrThrow(EventMetadataSchema, event.metadata, `metadata of ${eventId}`);
    return {
      eventId,
      eventType: encoded.eventType,
      schemaVersion: encoded.schemaVersion,
      payload: canonicalJson(encoded.payload),
      metadata: canonicalJson(metadata),
      recordedAt: event.recordedAt === undefined ? clockTime(now) : parseOrThrow(RecordedAtSchema, event.recordedAt, 'recordedAt'),
    };
  });
  return {
    streamId: normalizeStreamId(streamId),
    expected: parseOrThrow(ExpectedVersionSchema, expected, 'expected version'),
    events: wire,
  };
}

/** What navcast_append says about one request. */
export const AppendOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), firstSeq: z.number().int(), firstVersion: z.number().int() }),
  z.object({ status: z.literal('replay'), positions: z.array(z.tuple([z.number().int(), z.number().int()])) }),
  z.object({ status: z.literal('conflict'), actual: z.number().int() }),
  z.object({ status: z.literal('idempotency'), detail: z.string() }),
  z.object({ status: z.literal('retry') }),
]);
export type AppendOutcome = z.infer<typeof AppendOutcomeSchema>;

/** Parses navcast_append's result: one outcome per request sent. */
export function parseOutcomes(value: unknown, requestCount: number): AppendOutcome[] {
  const outcomes = z.array(AppendOutcomeSchema).parse(value);
  if (outcomes.length !== requestCount) {
    throw new ValidationError(`navcast_append returned ${outcomes.length} outcomes for ${requestCount} requests`);
  }
  return outcomes;
}
