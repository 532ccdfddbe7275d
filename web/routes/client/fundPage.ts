/**
 * GET /funds/:identityHash: one fund's attributes, its reported NAVs and cash flows as a
 * chart and a table (latest version, or `?version=N`), its versions with who uploaded them,
 * and its renames. Each view is written to the access log.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordRequestAccess } from '../../services/accessLog.js';
import { tenantPrincipal } from '../../auth/access.js';
import { csrfTokenFor } from '../../auth/csrf.js';
import type { WebContext } from '../../context.js';
import { HttpProblem } from '../../problems.js';
import { fundHistoryChart } from '../../views/fundChart.js';
import { html, type SafeHtml } from '../../../domain/render/html.js';
import { renderPage } from '../../views/layout.js';
import { fullMoney } from '../../views/svgChartFrame.js';
import { datedRows, readFundDetail, type FundAliasView, type FundDetail, type FundVersionSummaryView, type Uploader } from '../../services/funds/index.js';
import { isoDay, isoMinute, shortHash } from './format.js';

const Query = z.object({ version: z.coerce.number().int().positive().optional() });

/** Who uploaded, for people: a user's e-mail, an API key's name, or the log's actor id. */
export function uploaderLabel(uploader: Uploader | null): string {
  return uploader === null ? 'unknown' : uploader.label;
}

const ROW_LABELS = { contribution: 'Contribution', distribution: 'Distribution', nav: 'Reported NAV', price: 'Third-party price' } as const;

function facts(detail: FundDetail): SafeHtml {
  const { fund } = detail;
  const attributes = detail.shown?.data.attributes;
  const item = (label: string, value: SafeHtml | string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<dl class="facts">${[
    item('File', fund.filename),
    item('Currency', attributes?.currency ?? ''),
    item('Commitment', attributes === undefined ? '' : `${attributes.currency} ${fullMoney(attributes.commitment)}`),
    item('Vintage', String(attributes?.vintage ?? '')),
    item('Strategy', (attributes?.strategy ?? '').replace('_', ' ')),
    item('Latest version', fund.latestVersion === null ? 'none' : String(fund.latestVersion)),
  ]}</dl><p class="muted">Fund identity <span class="hash">${fund.identityHash}</span></p>`;
}

function seriesTable(detail: FundDetail): SafeHtml {
  const shown = detail.shown;
  if (shown === null) return html``;
  const currency = shown.data.attributes.currency;
  const rows = datedRows({ name: detail.fund.fundName, data: shown.data }).map((r) => {
    const note = r.type === 'nav' && r.publishedDate !== null ? `published ${r.publishedDate}` : r.type === 'price' ? `quoted by ${r.source ?? ''}` : r.liquidating ? 'final (liquidating)' : '';
    return html`<tr><td>${r.date}</td><td>${ROW_LABELS[r.type]}</td><td class="num">${fullMoney(r.amount)}</td><td>${note}</td></tr>`;
  });
  return html`<details><summary>Every row of version ${shown.version} as a table (${rows.length} rows)</summary><div class="table-wrap"><table>
<thead><tr><th>Date</th><th>Type</th><th class="num">Amount (${currency})</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

function versionsTable(identityHash: string, versions: FundVersionSummaryView[], shownVersion: number | undefined): SafeHtml {
  const rows = versions.map(
    (v) => html`<tr><td class="num">${v.version === shownVersion ? html`<strong>${v.version}</strong>` : html`<a href="/funds/${identityHash}?version=${v.version}">${v.version}</a>`}</td>
<td><span class="hash" title="${v.dataHash}">${shortHash(v.dataHash)}</span></td><td>${isoMinute(v.uploadedAt ?? v.recordedAt)}</td><td>${uploaderLabel(v.uploadedBy)}</td><td>${v.filename ?? ''}</td><td>${v.source ?? ''}</td></tr>`,
  );
  return html`<div class="table-wrap"><table><thead><tr><th class="num">Version</th><th>Data hash</th><th>Uploaded</th><th>By</th><th>Workbook</th><th>Source</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function aliasList(identityHash: string, aliases: FundAliasView[]): SafeHtml {
  if (aliases.length === 0) return html`<p class="muted">This fund has not been renamed: it has always been uploaded in the same file.</p>`;
  const items = aliases.map((a) => {
    const outgoing = a.fromIdentityHash === identityHash;
    const other = outgoing ? a.toIdentityHash : a.fromIdentityHash;
    const otherFile = (outgoing ? a.toFilename : a.fromFilename) ?? 'another file';
    const later = a.active ? '' : ' (renamed back later)';
    return outgoing
      ? html`<li>${isoDay(a.renamedAt)}: moved to <a href="/funds/${other}">${otherFile}</a>${later}</li>`
      : html`<li>${isoDay(a.renamedAt)}: came from <a href="/funds/${other}">${otherFile}</a>${later}</li>`;
  });
  return html`<ul>${items}</ul>`;
}

function fundBody(detail: FundDetail): SafeHtml {
  const { fund, shown } = detail;
  const renamed = fund.renamedTo === null ? html`` : html`<p class="notice">This fund now comes in another workbook: see <a href="/funds/${fund.renamedTo}">its current page</a>.</p>`;
  const chart =
    shown === null
      ? html`<p class="muted">No data recorded for this fund yet.</p>`
      : html`<h2>Reported NAVs and cash flows</h2><figure><div class="chart-wrap">${fundHistoryChart(fund.fundName, shown.data)}</div><figcaption class="muted">Version ${shown.version}. Point at a marker or bar for its date and amount; every row is in the table below.</figcaption></figure>${seriesTable(detail)}`;
  return html`${renamed}${facts(detail)}${chart}
<h2>Versions</h2>${versionsTable(fund.identityHash, detail.versions, shown?.version)}
<h2>Renames</h2>${aliasList(fund.identityHash, detail.aliases)}
<p class="actions"><a class="button" href="/api/v1/funds/${fund.identityHash}">This fund as JSON</a><a href="/">Back to your funds</a></p>`;
}

/** Registers the fund page. */
export function registerFundPage(app: FastifyInstance, ctx: WebContext): void {
  app.get('/funds/:identityHash', { config: { access: { role: 'viewer' } } }, async (request, reply) => {
    const principal = tenantPrincipal(request);
    const { identityHash } = request.params as { identityHash: string };
    const query = Query.safeParse(request.query ?? {});
    if (!query.success) throw new HttpProblem(400, 'invalid_request', 'version must be a positive whole number');
    const { version } = query.data;
    const { value: detail } = await readFundDetail(ctx, principal, identityHash, { version });
    await recordRequestAccess(ctx, request, { tenantId: principal.orgId, action: 'read', resourceType: 'fund', resourceId: identityHash });
    const page = renderPage({ title: detail.fund.fundName, principal, csrfToken: csrfTokenFor(reply), body: fundBody(detail) });
    return reply.type('text/html; charset=utf-8').send(page.value);
  });
}
