/**
 * Rebuild throughput for the event-log benchmark: seeds organisation events (the domain the
 * projections know) and times a full rebuild of every read model into a scratch schema, the
 * work `audit replay` and a blue/green version switch do.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PgEventLog, PgTenantFeed } from '../../commands/eventLog/index.js';
import { createEventRegistry } from '../../domain/eventCatalogue.js';
import type { EventMetadata, NewEvent } from '../../domain/events/index.js';
import { dropScratch, organizationsProjection, rebuildProjection, scratchSchemaName } from '../../projections/index.js';

const metadata: EventMetadata = { actor: { kind: 'system', id: 'bench' }, commandId: 'bench', correlationId: 'bench', causationId: null };
const at = '2026-01-01T00:00:00.000Z';

/** One tenant's history: the organisation, then users invited, activated, promoted, some deactivated. */
function history(orgId: string, events: number): NewEvent[] {
  const out: NewEvent[] = [{ eventId: randomUUID(), eventType: 'OrganizationCreated', payload: { orgId, name: `Bench ${orgId.slice(0, 8)}`, kind: 'client', createdAt: at }, metadata }];
  for (let u = 0; out.length < events; u++) {
    const userId = randomUUID();
    const add = (eventType: string, payload: object) => out.length < events && out.push({ eventId: randomUUID(), eventType, payload, metadata });
    add('UserInvited', { userId, email: `user${u}@bench.example`, role: 'member', invitedAt: at });
    add('UserActivated', { userId, activatedAt: at });
    add('UserRoleChanged', { userId, from: 'member', to: 'org_admin', changedAt: at });
    if (u % 4 === 3) add('UserDeactivated', { userId, deactivatedAt: at });
  }
  return out;
}

export interface RebuildMeasurement {
  readonly tenants: number;
  readonly events: number;
  readonly seconds: number;
}

export interface RebuildBenchOptions {
  readonly tenants?: number;
  readonly eventsPerTenant?: number;
  /** Run right before and after the timed rebuild (e.g. CPU samples), not around the seeding. */
  readonly beforeRebuild?: () => Promise<void>;
  readonly afterRebuild?: () => Promise<void>;
}

/** Seeds organisation events through the log (8 x 6250 by default), then times a rebuild. */
export async function measureRebuild(ownerUrl: string, options: RebuildBenchOptions = {}): Promise<RebuildMeasurement> {
  const tenants = options.tenants ?? 8;
  const eventsPerTenant = options.eventsPerTenant ?? 6250;
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 4 });
  const registry = createEventRegistry();
  const schema = scratchSchemaName();
  try {
    const log = new PgEventLog(pool, registry);
    const orgIds = Array.from({ length: tenants }, () => randomUUID());
    await Promise.all(
      orgIds.map(async (orgId) => {
        const events = history(orgId, eventsPerTenant);
        for (let i = 0; i < events.length; i += 1000) await log.append(orgId, `org-${orgId}`, events.slice(i, i + 1000));
      }),
    );
    const target = { projection: organizationsProjection, schema, version: organizationsProjection.version, consumer: `bench@${schema}` };
    await options.beforeRebuild?.();
    const started = process.hrtime.bigint();
    const result = await rebuildProjection(target, {
      pool,
      feed: new PgTenantFeed(pool, registry),
      owner: 'bench',
      batchSize: 5000,
      leaseMs: 600_000,
      tenants: orgIds, // other tenants of the database hold event types this registry does not know
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await options.afterRebuild?.();
    return { tenants: result.tenants, events: result.events, seconds };
  } finally {
    await dropScratch(pool, schema).catch(() => {});
    await pool.end();
  }
}
