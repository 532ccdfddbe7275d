import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { listFundIdentities } from '../../read-models/index.js';
import { tenantPrincipal } from '../auth/access.js';
import { csrfTokenFor } from '../auth/csrf.js';
import { readAsTenant } from '../tenantData.js';
import { html } from '../views/html.js';
import { renderPage } from '../views/layout.js';

/** The signed-in organisation's home page: its funds. */
export function registerDashboardRoutes(app: FastifyInstance, deps: { pool: pg.Pool }): void {
  app.get('/', { config: { access: { role: 'viewer' } } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const funds = await readAsTenant(deps.pool, principal, (db) => listFundIdentities(db));
    const rows = funds.map((f) => html`<tr><td>${f.fundName}</td><td>${f.filename}</td></tr>`);
    const body = funds.length === 0 ? html`<p>No funds yet.</p>` : html`<div class="table-wrap"><table><thead><tr><th>Fund</th><th>File</th></tr></thead><tbody>${rows}</tbody></table></div>`;
    return reply.type('text/html; charset=utf-8').send(renderPage({ title: 'Funds', principal, csrfToken: csrfTokenFor(reply), body }).value);
  });
}
