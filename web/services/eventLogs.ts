/** The event-log adapters the web services append through, over the app pool (navcast_app, RLS forced). */
import type pg from 'pg';
import { PgEventLog } from '../../commands/eventLog/index.js';
import { PgMultiStreamLog } from '../../commands/funds/index.js';
import { createEventRegistry } from '../../domain/eventCatalogue.js';
import type { WebContext } from '../context.js';

/** Builds the log adapters over the app pool with the platform's event registry. */
export function logsOver(pool: pg.Pool): Pick<WebContext, 'log' | 'multiLog'> {
  const registry = createEventRegistry();
  return { log: new PgEventLog(pool, registry), multiLog: new PgMultiStreamLog(pool, registry) };
}
