import type { ReadModelTable } from '../read-models/index.js';

/** What a projector sees of a recorded event: tenant, position, type and decoded payload. */
export interface ProjectedEvent {
  readonly tenantId: string;
  /** Dense per-tenant sequence number; becomes the row's last_seq. */
  readonly tenantSeq: number;
  readonly eventType: string;
  /** Payload upcast to the current schema version; null when redacted. */
  readonly payload: unknown;
  readonly recordedAt: string;
}

/** A full row to insert or replace (every column but last_seq, which the writer sets). */
export interface RowUpsert {
  readonly kind: 'upsert';
  readonly table: ReadModelTable;
  readonly row: Readonly<Record<string, unknown>>;
}

/** Columns to change on the row with this key. */
export interface RowPatch {
  readonly kind: 'patch';
  readonly table: ReadModelTable;
  readonly key: Readonly<Record<string, unknown>>;
  readonly set: Readonly<Record<string, unknown>>;
}

export type RowChange = RowUpsert | RowPatch;

/**
 * A projection: a pure function from one event to row changes, the tables it writes, and
 * the SQL functions that create a version's tables and make a version the served one.
 * Bump `version` when the output changes: the runner then rebuilds into new tables while
 * the old version serves (blue/green) and switches when the new one has caught up.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly tables: readonly ReadModelTable[];
  readonly ddl: { readonly create: string; readonly activate: string };
  project(event: ProjectedEvent): RowChange[];
}
