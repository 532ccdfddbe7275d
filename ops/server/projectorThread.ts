/**
 * The projector of `npm start` in a worker thread (projectorWorker.ts), and what the main
 * thread knows of it: whether its event notifications are listening (for /healthz) and how
 * to stop it.
 */
import type { SubscriptionStatus } from '../../projections/index.js';
import { startTsWorker } from '../../commands/workers/tsWorker.js';
import type { ProjectorWorkerData } from './projectorWorker.js';

export interface ProjectorThread {
  /** The last subscription status the worker reported. */
  subscription(): SubscriptionStatus;
  stop(): Promise<void>;
}

/** Starts the projector thread; resolves once its runner has started (subscribed). */
export async function startProjectorThread(data: ProjectorWorkerData): Promise<ProjectorThread> {
  const worker = startTsWorker(new URL('./projectorWorker.ts', import.meta.url), data);
  let subscription: SubscriptionStatus = { state: 'off', since: new Date().toISOString(), attempts: 0 };
  const stopped = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { subscription?: SubscriptionStatus; stopped?: boolean; error?: string; code?: unknown }) => {
      if (message.subscription !== undefined) subscription = message.subscription;
      if (message.stopped === true) {
        if (message.error === undefined) resolve();
        else reject(Object.assign(new Error(`projector stop: ${message.error}`), { code: message.code }));
      }
    });
  });
  stopped.catch(() => {});
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: { started?: boolean; error?: string }) => {
      if (message.started === undefined) return;
      worker.off('message', onMessage);
      if (message.started) resolve();
      else reject(new Error(`projector did not start: ${message.error ?? 'unknown error'}`));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`projector thread exited with code ${code} while starting`)));
  });
  worker.on('error', (error) => process.stderr.write(`projector thread failed: ${error.stack ?? error.message}\n`));
  return {
    subscription: () => subscription,
    async stop() {
      worker.postMessage({ stop: true });
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
      await Promise.race([stopped, timeout]);
      await worker.terminate();
    },
  };
}
