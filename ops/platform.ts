import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgAppendNotifications, PgEventLog, PgTenantFeed } from '../commands/eventLog/index.js';
import { createEventRegistry } from '../domain/eventCatalogue.js';
import { allProjections, ProjectionRunner, type RunnerOptions } from '../projections/index.js';

/** The log adapters over one pool, with the platform's event registry. */
export interface LogAccess {
  readonly pool: pg.Pool;
  readonly log: PgEventLog;
  readonly feed: PgTenantFeed;
  close(): Promise<void>;
}

/** Opens a pool on `url` and the event log, feed and registry on top of it. */
export function openLog(url: string, max = 5): LogAccess {
  const pool = new pg.Pool({ connectionString: url, max });
  const registry = createEventRegistry();
  return {
    pool,
    log: new PgEventLog(pool, registry),
    feed: new PgTenantFeed(pool, registry),
    close: () => pool.end(),
  };
}

/** A lease owner id unique to this process. */
export function workerId(role: string): string {
  return `${role}:${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Builds the projection runner of every projection on a (projector role) connection. */
export function createProjector(access: LogAccess, options: { pollMs: number; batchSize: number; onError: (e: unknown) => void; onSubscription?: RunnerOptions['onSubscription'] }): ProjectionRunner {
  return new ProjectionRunner({
    pool: access.pool,
    feed: access.feed,
    notifications: new PgAppendNotifications(access.pool),
    projections: allProjections,
    owner: workerId('projector'),
    batchSize: options.batchSize,
    pollMs: options.pollMs,
    onError: options.onError,
    onSubscription: options.onSubscription,
  });
}
