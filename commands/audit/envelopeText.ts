/**
 * The canonical envelope text of a stored row, built fast. domain/events/canonical.ts defines
 * the format (and its canonicalJson writes the metadata); this module writes the envelope's
 * fixed keys in their sorted order and hands anything unusual to `canonicalJson`:
 * - a string of printable ASCII without `"` or `\` is its own NFC form, contains no
 *   surrogate and is escaped by JSON.stringify as `"` + s + `"`, so it is written directly;
 * - any other string goes to `canonicalJson`.
 * The verifier needs this because the generic writer costs tens of microseconds per envelope
 * on the 2-core target machine, above the whole budget of a 100,000 events/s verify.
 * Differential tests compare canonicalJson's fast path with its reference writer.
 */
import { canonicalJson } from '../../domain/events/canonical.js';
import type { EntryEnvelope } from '../../domain/events/canonical.js';

const plainAscii = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function text(value: string): string {
  return plainAscii.test(value) ? `"${value}"` : canonicalJson(value);
}

function number(value: number): string {
  // Non-finite numbers: let the reference writer raise its error.
  return Number.isFinite(value) ? JSON.stringify(value) : canonicalJson(value);
}

/** Canonical JSON of the entry envelope; keys are written in their sorted order. */
export function envelopeText(e: EntryEnvelope): string {
  return (
    `{"eventId":${text(e.eventId)},"eventType":${text(e.eventType)},"metadata":${canonicalJson(e.metadata)}` +
    `,"payloadHash":${text(e.payloadHash)},"recordedAt":${text(e.recordedAt)},"schemaVersion":${number(e.schemaVersion)}` +
    `,"streamId":${text(e.streamId)},"streamVersion":${number(e.streamVersion)},"tenantId":${text(e.tenantId)}` +
    `,"tenantSeq":${number(e.tenantSeq)}}`
  );
}
