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
  await app.listen({ host: address.host, port: address.port });
  const bound = app.server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : address.port;
  return { url: `http://${address.host}:${port}`, close: () => app.close() };
}
