/**
 * What a verification finds. Classes are the ones docs/event-log.md names; the position is a
 * tenant_seq (for a checkpoint finding, the checkpoint's tree size; for a truncation, the
 * first missing seq).
 */
import type { HashableEventRow } from '../../domain/events/canonical.js';

export type IntegrityFailureClass = 'gap' | 'prev mismatch' | 'payload mismatch' | 'hash mismatch' | 'bad signature' | 'inconsistency' | 'truncation';

/** The first thing that is wrong with a tenant's log. */
export interface IntegrityFailure {
  readonly class: IntegrityFailureClass;
  readonly position: number;
  readonly detail: string;
}

/** A stored row as the verifier needs it: hashed fields in text form, plus the stored hashes. */
export interface AuditRow extends HashableEventRow {
  readonly entryHash: string;
  readonly chainHash: string;
}

/** The outcome of verifying one tenant's log. */
export interface TenantVerification {
  readonly tenantId: string;
  readonly ok: boolean;
  /** Rows walked (all of them when ok). */
  readonly eventsChecked: number;
  /** tenant_seq and chain hash of the last row walked (0 and 64 zeros for an empty log). */
  readonly lastSeq: number;
  readonly chainHead: string;
  /** Merkle root over every walked entry, when asked for (the sealer signs it). */
  readonly merkleRoot: string | null;
  readonly checkpointsChecked: number;
  /** Rows whose payload is null with a matching redaction event in the chain. */
  readonly redactedPayloads: number;
  readonly failure: IntegrityFailure | null;
}

/** Human-readable one-line form: `FAIL <tenant> <class> at <position>: <detail>` or `OK ...`. */
export function describeVerification(v: TenantVerification): string {
  if (v.failure !== null) return `FAIL tenant ${v.tenantId}: ${v.failure.class} at ${v.failure.position}: ${v.failure.detail}`;
  const redacted = v.redactedPayloads > 0 ? `, ${v.redactedPayloads} redacted payloads` : '';
  return `OK   tenant ${v.tenantId}: ${v.eventsChecked} events, head ${v.lastSeq} ${v.chainHead.slice(0, 16)}…, ${v.checkpointsChecked} signed checkpoints${redacted}`;
}

/** First 12 hex characters, for messages. */
export function shortHash(hex: string): string {
  return hex.length > 12 ? `${hex.slice(0, 12)}…` : hex;
}
