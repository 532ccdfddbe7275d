import type { FastifyInstance } from 'fastify';
import { hasRoleAtLeast } from '../../domain/organizations/index.js';
import { tenantPrincipal } from '../auth/access.js';
import { csrfTokenFor } from '../auth/csrf.js';
import { html, type SafeHtml } from '../../domain/render/html.js';
import { renderPage } from '../views/layout.js';
import { isoDay } from './client/format.js';
import { dashboardFunds, type FundSummaryView, type LatestNowcast } from '../services/funds/index.js';
import { navSparkline } from '../views/sparkChart.js';
import { fullMoney } from '../views/svgChartFrame.js';

function nowcastCell(nowcast: LatestNowcast | undefined): SafeHtml {
  if (nowcast === undefined) return html`<td class="muted">no nowcast yet</td>`;
  return html`<td class="num">${nowcast.currency} ${fullMoney(nowcast.value)}<br><span class="muted">${nowcast.asOfDate}, 90%: ${fullMoney(nowcast.lower90)}–${fullMoney(nowcast.upper90)}</span></td>`;
}

function fundRow(fund: FundSummaryView, navs: readonly { valueDate: string; amount: number }[], nowcast: LatestNowcast | undefined): SafeHtml {
  const version = fund.latestVersion === null ? html`<td class="muted">none</td>` : html`<td class="num">${fund.latestVersion}</td>`;
  return html`<tr><td><a href="/funds/${fund.identityHash}">${fund.fundName}</a></td><td>${fund.filename}</td><td>${fund.currency ?? ''}</td>
${version}<td>${isoDay(fund.latestUploadedAt)}</td><td>${navSparkline(navs, fund.currency ?? '')}</td>${nowcastCell(nowcast)}</tr>`;
}

/** The signed-in organisation's home page: its current funds (renamed-away identities are on their fund's page). */
export function registerDashboardRoutes(app: FastifyInstance, ctx: Parameters<typeof dashboardFunds>[0]): void {
  app.get('/', { config: { access: { role: 'viewer' } } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const { funds, navs, nowcasts } = await dashboardFunds(ctx, principal);
    const current = funds.filter((f) => f.renamedTo === null);
    const mayUpload = hasRoleAtLeast(principal.role, 'member');
    const empty = html`<p class="notice">No funds yet. ${mayUpload ? html`<a href="/upload">Upload a workbook</a> to add your funds.` : 'A member of your organisation can upload a workbook to add funds.'}</p>`;
    const table = html`<div class="table-wrap"><table><thead><tr><th>Fund</th><th>File</th><th>Currency</th><th class="num">Latest version</th><th>Uploaded</th><th>Reported NAV</th><th>Latest nowcast</th></tr></thead>
<tbody>${current.map((f) => fundRow(f, navs.get(f.identityHash) ?? [], nowcasts.get(f.identityHash)))}</tbody></table></div>`;
    const count = `${current.length} ${current.length === 1 ? 'fund' : 'funds'}`;
    const body = html`<p class="muted">${principal.kind === 'session' ? `${principal.organizationName} · ${count}` : count}</p>${current.length === 0 ? empty : table}`;
    return reply.type('text/html; charset=utf-8').send(renderPage({ title: 'Funds', principal, csrfToken: csrfTokenFor(reply), body }).value);
  });
}
