/**
 * Writers and readers for the race tests: each writer is its own connection running
 * transactions with random delays before and after its append, some of them rolled back.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { callAppend, type AppendOutcome } from '../../commands/eventLog/index.js';
import { canonicalJson } from '../../domain/events/index.js';
import { testMetadata } from './fixture.js';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An event that committed: where it was sent. */
export interface Committed {
  readonly tenantId: string;
  readonly streamId: string;
  readonly eventId: string;
}

export interface WriterPlan {
  readonly url: string;
  readonly transactions: number;
  /** Picks (tenant, stream) for each transaction. */
  readonly target: () => { tenantId: string; streamId: string };
  readonly rollbackRate: number;
  readonly maxDelayMs: number;
  /** Take an xid at BEGIN, before the delay: makes xid order and commit order disagree. */
  readonly takeXidEarly: boolean;
}

export interface WriterReport {
  readonly committed: Committed[];
  readonly rolledBack: string[];
  /** Appends refused by the per-stream guard (then retried in a new transaction). */
  readonly streamOrderRetries: number;
}

function wireEvents(count: number): { eventId: string; wire: Record<string, unknown> }[] {
  return Array.from({ length: count }, (_, i) => {
    const eventId = randomUUID();
    const wire = {
      eventId,
      eventType: 'ThingHappened',
      schemaVersion: 2,
      payload: canonicalJson({ n: i, label: 'race' }),
      metadata: canonicalJson(testMetadata),
      recordedAt: new Date().toISOString(),
    };
    return { eventId, wire };
  });
}

/** Runs one writer to completion on its own connection. */
export async function runWriter(plan: WriterPlan): Promise<WriterReport> {
  const client = new pg.Client({ connectionString: plan.url });
  await client.connect();
  const report: WriterReport = { committed: [], rolledBack: [], streamOrderRetries: 0 };
  try {
    for (let t = 0; t < plan.transactions; t++) {
      const { tenantId, streamId } = plan.target();
      const events = wireEvents(1 + Math.floor(Math.random() * 3));
      for (;;) {
        await client.query('BEGIN');
        if (plan.takeXidEarly) await client.query('SELECT pg_current_xact_id()');
        await sleep(Math.random() * plan.maxDelayMs);
        const [outcome]: AppendOutcome[] = await callAppend(client, tenantId, [{ streamId, expected: 'any', events: events.map((e) => e.wire) as never }]);
        if (outcome.status === 'retry') {
          await client.query('ROLLBACK');
          (report as { streamOrderRetries: number }).streamOrderRetries += 1;
          continue;
        }
        if (outcome.status !== 'ok') throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
        await sleep(Math.random() * plan.maxDelayMs);
        if (Math.random() < plan.rollbackRate) {
          await client.query('ROLLBACK');
          report.rolledBack.push(...events.map((e) => e.eventId));
        } else {
          await client.query('COMMIT');
          report.committed.push(...events.map((e) => ({ tenantId, streamId, eventId: e.eventId })));
        }
        break;
      }
    }
  } finally {
    await client.end();
  }
  return report;
}
