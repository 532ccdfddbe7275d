/**
 * GET /docs: the API reference, rendered in the browser by Redoc (redoc's standalone bundle,
 * served from this server, no CDN) from /openapi.json. Public like the document itself.
 * The page's content security policy is the portal's with two relaxations Redoc needs and
 * nothing else: inline <style> elements (styled-components writes its styles so) and workers
 * from blob: URLs (its search index). No inline script runs: the page only loads the bundle,
 * which finds the <redoc spec-url> element itself. The bundle's one remote resource, Redocly's
 * logo in the menu's "API docs by Redocly" link, is replaced by an empty data: image as the
 * bundle is served (Redoc then leaves the logo out), so the page asks nothing of any other host.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
const REDOC_VERSION = (require('redoc/package.json') as { version: string }).version;
const bundlePath = require.resolve('redoc/bundles/redoc.standalone.js');
let bundle: Buffer | undefined;
const REMOTE_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NAVcast API reference</title>
</head>
<body>
<redoc spec-url="/openapi.json" hide-download-button="false"></redoc>
<script src="/docs/redoc-${REDOC_VERSION}.js"></script>
</body>
</html>
`;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export function registerApiReference(app: FastifyInstance): void {
  app.get('/docs', { config: { access: { public: 'the API reference, like /openapi.json it describes' } } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', CSP).header('cache-control', 'public, max-age=300').send(PAGE),
  );
  app.get(`/docs/redoc-${REDOC_VERSION}.js`, { config: { access: { public: "the API reference's renderer" } } }, async (_request, reply) => {
    bundle ??= Buffer.from(readFileSync(bundlePath, 'utf8').replace(REMOTE_LOGO, 'data:,'), 'utf8');
    // The version is in the name, so the file never changes under it.
    return reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(bundle);
  });
}
