import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { appCss } from '../views/styles.js';

/** Routes open to anyone: the health probe and the stylesheet. */
export function registerPublicRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get('/healthz', { config: { access: { public: 'load balancers and uptime probes call it without credentials' } } }, async (_request, reply) => {
    const started = performance.now();
    try {
      await pool.query('SELECT 1');
      return { status: 'ok', db: { status: 'ok', latencyMs: Math.round(performance.now() - started) } };
    } catch (error) {
      app.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ status: 'unavailable', db: { status: 'down' } });
    }
  });

  app.get('/assets/app.css', { config: { access: { public: 'the stylesheet of every page, the sign-in page included' } } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(appCss),
  );
}
