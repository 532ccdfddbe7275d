import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDependencies } from './app.js';

/** A listening portal: its address and how to stop it (finishing in-flight requests). */
export interface RunningWebServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The only place the portal listens: builds the app, binds `host:port` (0 = any free port)
 * and returns the URL. `close` stops accepting connections and waits for open requests.
 */
export async function startWebServer(deps: AppDependencies, address: { host: string; port: number }): Promise<RunningWebServer> {
  const { app } = await buildApp(deps);
  return listenOn(app, address);
}

/** Binds an app that is already built (the browser tests build theirs through the test kit). */
export async function listenOn(app: FastifyInstance, address: { host: string; port: number }): Promise<RunningWebServer> {
  await app.listen({ host: address.host, port: address.port });
  const bound = app.server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : address.port;
  return { url: `http://${address.host}:${port}`, close: () => app.close() };
}
