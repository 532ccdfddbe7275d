/**
 * Wake-up on append: navcast_append NOTIFYs channel `navcast_events` with
 * {"tenantId","lastSeq"} at commit. Consumers still poll as the backstop (a notification is
 * lost while no listener is connected).
 */
import type pg from 'pg';
import { z } from 'zod';
import type { AppendNotice, AppendNotifications } from '../../domain/ports/index.js';

/** The NOTIFY channel of migration 0003. */
export const APPEND_CHANNEL = 'navcast_events';

const noticeSchema = z.object({ tenantId: z.string(), lastSeq: z.number().int() });

export class PgAppendNotifications implements AppendNotifications {
  constructor(private readonly pool: pg.Pool) {}

  /** Holds one pooled connection per subscription until the returned stop function runs. */
  async subscribe(listener: (notice: AppendNotice) => void): Promise<() => Promise<void>> {
    const client = await this.pool.connect();
    const onNotification = (message: pg.Notification): void => {
      if (message.channel !== APPEND_CHANNEL || message.payload === undefined) return;
      listener(noticeSchema.parse(JSON.parse(message.payload)));
    };
    client.on('notification', onNotification);
    try {
      await client.query(`LISTEN ${APPEND_CHANNEL}`);
    } catch (error) {
      client.off('notification', onNotification);
      client.release(error as Error);
      throw error;
    }
    return async () => {
      client.off('notification', onNotification);
      try {
        await client.query(`UNLISTEN ${APPEND_CHANNEL}`);
        client.release();
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
    };
  }
}
