import type { FastifyInstance } from 'fastify';
import { appCss } from '../views/styles.js';

/**
 * Routes open to anyone: the health probe and the stylesheet. /healthz answers 503 when the
 * database cannot be reached and adds what `health` reports (the projector's notification
 * subscription under `npm start`).
 */
export function registerPublicRoutes(app: FastifyInstance, pingDatabase: () => Promise<void>, health: () => Record<string, unknown> = () => ({})): void {
  app.get('/healthz', { config: { access: { public: 'load balancers and uptime probes call it without credentials' } } }, async (_request, reply) => {
    const started = performance.now();
    try {
      await pingDatabase();
      return { status: 'ok', db: { status: 'ok', latencyMs: Math.round(performance.now() - started) }, ...health() };
    } catch (error) {
      app.log.error({ err: error }, 'health check: database unreachable');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ status: 'unavailable', db: { status: 'down' }, ...health() });
    }
  });

  app.get('/assets/app.css', { config: { access: { public: 'the stylesheet of every page, the sign-in page included' } } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(appCss),
  );
}
