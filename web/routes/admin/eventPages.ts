import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WebContext } from '../../context.js';
import { html, type SafeHtml } from '../../../domain/render/html.js';
import { minute, organizationOptions, parseInput, sendAdminPage, table } from './adminViews.js';
import { adminCall } from '../../services/admin/index.js';
import { checkChain, type ChainStatus } from '../../services/audit/chainStatus.js';
import { EventFeedFilter, readEventFeed } from '../../services/audit/eventFeed.js';

const VerifyQuery = z.object({ verify: z.enum(['1']).optional() });

function options(values: readonly string[], selected: string | undefined): SafeHtml {
  return html`<option value="">Any</option>${values.map((v) => html`<option ${v === selected ? html`selected` : ''}>${v}</option>`)}`;
}

/** The verification line: verified with the head, or broken with the first failure. */
export function chainStatusHtml(status: ChainStatus, organizationName: string): SafeHtml {
  if (status.status === 'verified') {
    return html`<p class="notice"><strong class="ok">verified</strong>: ${organizationName}, ${status.eventsChecked} events, head at position ${status.lastSeq}
      <span class="hash">${status.chainHead.slice(0, 16)}…</span></p>`;
  }
  const failure = status.failure;
  return html`<p class="notice"><strong class="error">broken at position ${failure?.position ?? '?'}</strong>: ${organizationName}, ${failure?.class ?? ''}: ${failure?.detail ?? ''}</p>`;
}

function filterLink(filter: EventFeedFilter, change: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && key !== 'before') params.set(key, String(value));
  for (const [key, value] of Object.entries(change)) params.set(key, value);
  return `/admin/events?${params.toString()}`;
}

/** /admin/events: the event log as a filterable feed, with on-demand chain verification. */
export function registerEventPages(app: FastifyInstance, ctx: WebContext): void {
  app.get('/admin/events', { config: { access: { role: 'super_admin' } } }, async (request, reply) => {
    const call = adminCall(ctx, request);
    const filter = parseInput(EventFeedFilter, request.query, 'filter');
    const verify = parseInput(VerifyQuery, request.query, 'query').verify === '1';
    const feed = await readEventFeed(call, filter);
    const selected = feed.organizations.find((o) => o.orgId === filter.orgId);
    const chain = selected !== undefined && verify ? chainStatusHtml(await checkChain(call, selected.orgId), selected.name) : html``;
    const rows = feed.events.map(
      (e) => html`<tr><td>${e.organizationName}</td><td class="num">${e.position}</td><td>${minute(e.recordedAt)}</td>
        <td class="hash">${e.streamId}</td><td>${e.eventType}</td><td>${e.actor}</td></tr>`,
    );
    const last = feed.events.at(-1);
    const older =
      selected !== undefined && last !== undefined && last.position > 1 && feed.events.length === filter.limit
        ? html`<p><a href="${filterLink(filter, { before: String(last.position) })}">Older events</a></p>`
        : html``;
    const verifyAction =
      selected === undefined
        ? html`<p class="muted">Choose an organisation to verify its hash chain.</p>`
        : html`<p><a class="button" href="${filterLink(filter, { verify: '1' })}">Verify ${selected.name}'s hash chain</a></p>`;
    const body = html`
      <form method="get" action="/admin/events" class="actions">
        <label>Organisation <select name="orgId">${organizationOptions(feed.organizations, filter.orgId, 'All organisations')}</select></label>
        <label>Stream <select name="category">${options(feed.categories, filter.category)}</select></label>
        <label>Event type <select name="eventType">${options(feed.eventTypes, filter.eventType)}</select></label>
        <label>From <input type="date" name="from" value="${filter.from ?? ''}"></label>
        <label>To <input type="date" name="to" value="${filter.to ?? ''}"></label>
        <label>Rows <input type="number" name="limit" min="1" max="500" value="${filter.limit}"></label>
        <button type="submit" class="secondary">Filter</button>
      </form>
      ${chain}${verifyAction}
      ${table(['Organisation', 'Position', 'Time (UTC)', 'Stream', 'Event type', 'Actor'], rows, 'No events match.')}
      ${older}`;
    return sendAdminPage(reply, call, 'Event log', body);
  });
}
