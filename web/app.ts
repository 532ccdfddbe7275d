import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';

/** What the web app needs from its composition root. */
export interface AppDependencies {
  /** Pool of the application role (RLS forced). */
  readonly pool: pg.Pool;
  readonly logLevel?: string;
}

const landingPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>NAVcast</title></head>
<body>
<h1>NAVcast</h1>
<p>Private-fund performance analytics: nowcasts of fund values from cash flows and reported NAVs.</p>
<p>Service health: <a href="/healthz">/healthz</a></p>
</body>
</html>
`;

/**
 * Builds the Fastify app without listening: tests call `inject`, and only the server entry
 * (ops/server/main.ts) listens and closes it.
 */
export function buildApp(deps: AppDependencies): FastifyInstance {
  const app = Fastify({ logger: deps.logLevel === undefined || deps.logLevel === 'silent' ? false : { level: deps.logLevel } });

  app.get('/healthz', async (_request, reply) => {
    const started = performance.now();
    try {
      await deps.pool.query('SELECT 1');
      return { status: 'ok', db: { status: 'ok', latencyMs: Math.round(performance.now() - started) } };
    } catch (error) {
      app.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ status: 'unavailable', db: { status: 'down' } });
    }
  });

  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(landingPage));

  return app;
}
