import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { csrfTokenFor } from '../../auth/csrf.js';
import { HttpProblem, toProblem } from '../../problems.js';
import { html, type SafeHtml } from '../../../domain/render/html.js';
import { renderPage } from '../../views/layout.js';
import type { AdminCall, DirectoryEntry } from '../../services/admin/crossTenant.js';

const sections: readonly (readonly [string, string])[] = [
  ['/admin', 'Overview'],
  ['/admin/organizations', 'Organisations'],
  ['/admin/users', 'Users'],
  ['/admin/events', 'Event log'],
  ['/admin/market', 'Market series'],
  ['/admin/access-log', 'Access log'],
  ['/admin/machine-tokens', 'Machine tokens'],
];

/** Sends an admin page: the section links, then `body`, in the portal layout. */
export function sendAdminPage(reply: FastifyReply, call: AdminCall, title: string, body: SafeHtml, status = 200): FastifyReply {
  const links = sections.map(([href, label]) => (label === title ? html`<strong>${label}</strong>` : html`<a href="${href}">${label}</a>`));
  const page = renderPage({ title, principal: call.reader, csrfToken: csrfTokenFor(reply), body: html`<p class="actions">${links}</p>${body}` });
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

/** A form's hidden CSRF field. */
export function csrfField(reply: FastifyReply): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrfTokenFor(reply)}">`;
}

/** A table in its scrolling wrapper; `head` cells are plain text. */
export function table(head: readonly string[], rows: readonly SafeHtml[], empty: string): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<div class="table-wrap"><table><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** `<option>`s of the organisations, the selected one marked; the first option is `any`. */
export function organizationOptions(orgs: readonly DirectoryEntry[], selected: string | undefined, any: string | null): SafeHtml {
  const first = any === null ? html`` : html`<option value="">${any}</option>`;
  return html`${first}${orgs.map((o) => html`<option value="${o.orgId}" ${o.orgId === selected ? html`selected` : ''}>${o.name}</option>`)}`;
}

/**
 * Runs a form's command; a refusal the user can fix (a problem below 500: invalid name,
 * address in use...) comes back as its message for the page to show, anything else throws.
 */
export async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; status: number; message: string }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const problem = toProblem(error);
    if (problem.status >= 500) throw error;
    return { ok: false, status: problem.status, message: problem.detail };
  }
}

/** An ISO instant as `YYYY-MM-DD HH:MM` UTC for tables. */
export function minute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** Parses a posted form or query with `schema`; 400 listing the issues when it does not fit. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new HttpProblem(400, 'invalid_request', `the ${what} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ')}`);
}
