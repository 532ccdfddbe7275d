/**
 * Wake-up on append: navcast_append NOTIFYs channel `navcast_events` with
 * {"tenantId","lastSeq"} at commit. Consumers still poll as the backstop (a notification is
 * lost while no listener is connected), and subscribe again when told the connection was
 * lost (the projection runner does, with backoff).
 */
import type pg from 'pg';
import { z } from 'zod';
import type { AppendNotice, AppendNotifications } from '../../domain/ports/index.js';

/** The NOTIFY channel of migration 0003. */
export const APPEND_CHANNEL = 'navcast_events';

const noticeSchema = z.object({ tenantId: z.string(), lastSeq: z.number().int() });

export class PgAppendNotifications implements AppendNotifications {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Holds one pooled connection per subscription until the returned stop function runs;
   * `onLost` hears of that connection failing (e.g. the server shut down).
   */
  async subscribe(listener: (notice: AppendNotice) => void, onLost: (error: Error) => void = () => {}): Promise<() => Promise<void>> {
    const client = await this.pool.connect();
    const onNotification = (message: pg.Notification): void => {
      if (message.channel !== APPEND_CHANNEL || message.payload === undefined) return;
      listener(noticeSchema.parse(JSON.parse(message.payload)));
    };
    client.on('notification', onNotification);
    // A checked-out client's errors are not the pool's: without this handler a dropped
    // connection would crash the process.
    let released = false;
    client.on('error', (error: Error) => {
      // Once released the client is the pool's, whose own error handler covers it.
      if (released) return;
      released = true;
      client.off('notification', onNotification);
      client.release(error);
      onLost(error);
    });
    try {
      await client.query(`LISTEN ${APPEND_CHANNEL}`);
    } catch (error) {
      client.off('notification', onNotification);
      client.release(error as Error);
      throw error;
    }
    return async () => {
      if (released) return;
      client.off('notification', onNotification);
      try {
        await client.query(`UNLISTEN ${APPEND_CHANNEL}`);
      } catch (error) {
        if (!released) {
          released = true;
          client.release(error as Error);
        }
        throw error;
      }
      if (!released) {
        released = true;
        client.release();
      }
    };
  }
}
