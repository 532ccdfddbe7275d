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
  /**
   * @param onConnectionLost called when a listening connection fails (e.g. the server shuts
   *   down); wake-ups then stop and consumers fall back to polling until they resubscribe.
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly onConnectionLost: (error: Error) => void = (error) => {
      process.stderr.write(`event notifications: listening connection lost (${error.message}); polling continues\n`);
    },
  ) {}

  /** Holds one pooled connection per subscription until the returned stop function runs. */
  async subscribe(listener: (notice: AppendNotice) => void): Promise<() => Promise<void>> {
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
      this.onConnectionLost(error);
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
