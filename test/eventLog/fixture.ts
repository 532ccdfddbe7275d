/**
 * Shared setup of the event log's integration tests: a fresh database, pools for the owner
 * and the application role, a registry with a test event type that has an upcaster.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { PgEventLog, PgGlobalFeed, PgTenantFeed } from '../../commands/eventLog/index.js';
import { EventPayloadRedacted, EventTypeRegistry, defineEvent, type EventMetadata, type NewEvent } from '../../domain/events/index.js';
import { setRolePasswords, type RoleUrls } from '../../ops/db/roles.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';

/** v1 was {n}; v2 added `label` (upcast default 'unlabelled'). */
export const ThingHappened = defineEvent({
  type: 'ThingHappened',
  schemaVersion: 2,
  schema: z.object({ n: z.number(), label: z.string() }),
  upcasters: { 1: (p) => ({ ...(p as object), label: 'unlabelled' }) },
});

export function testRegistry(): EventTypeRegistry {
  return new EventTypeRegistry().register(EventPayloadRedacted, ThingHappened);
}

export const testMetadata: EventMetadata = {
  actor: { kind: 'system', id: 'test' },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: null,
};

/** A ThingHappened with a fresh event id (or the given one). */
export function thing(n: number, eventId: string = randomUUID()): NewEvent {
  return { eventId, eventType: 'ThingHappened', payload: { n, label: `thing ${n}` }, metadata: testMetadata };
}

export const newTenant = (): string => randomUUID();

export interface LogFixture {
  readonly db: TestDatabase;
  readonly urls: RoleUrls;
  readonly owner: pg.Pool;
  readonly app: pg.Pool;
  readonly projector: pg.Pool;
  readonly log: PgEventLog;
  readonly tenantFeed: PgTenantFeed;
  readonly globalFeed: PgGlobalFeed;
  close(): Promise<void>;
}

/** Opens a fresh database; the log appends as navcast_app, feeds read as navcast_projector. */
export async function openLogFixture(poolSize = 10): Promise<LogFixture> {
  const db = await createTestDatabase();
  const urls = await setRolePasswords(db.ownerUrl, 'navcast-test');
  const owner = new pg.Pool({ connectionString: db.ownerUrl, max: poolSize });
  const app = new pg.Pool({ connectionString: urls.app, max: poolSize });
  const projector = new pg.Pool({ connectionString: urls.projector, max: 4 });
  const registry = testRegistry();
  return {
    db,
    urls,
    owner,
    app,
    projector,
    log: new PgEventLog(app, registry),
    tenantFeed: new PgTenantFeed(projector, registry),
    globalFeed: new PgGlobalFeed(projector, registry),
    async close() {
      await Promise.all([owner.end(), app.end(), projector.end()]);
      await db.drop();
    },
  };
}
