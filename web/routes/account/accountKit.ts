import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { HttpProblem } from '../../problems.js';
import type { SafeHtml } from '../../../domain/render/html.js';
import { renderPage } from '../../views/layout.js';
import { csrfTokenFor } from '../../auth/csrf.js';

const csrfByReply = new WeakMap<FastifyReply, string>();

/**
 * The CSRF token of this response. Generating a second one would replace the secret cookie
 * set by the first, leaving forms rendered with the first token invalid: one per reply.
 */
export function formToken(reply: FastifyReply): string {
  let token = csrfByReply.get(reply);
  if (token === undefined) {
    token = csrfTokenFor(reply);
    csrfByReply.set(reply, token);
  }
  return token;
}

/** Sends a rendered page with the layout (status 200 unless given). */
export function sendPage(reply: FastifyReply, page: { title: string; principal: Principal | undefined; body: SafeHtml; status?: number }): FastifyReply {
  const rendered = renderPage({ title: page.title, principal: page.principal, csrfToken: formToken(reply), body: page.body });
  return reply
    .code(page.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(rendered.value);
}

/** The 404 every unknown, used or expired link gets: one message, so probing learns nothing. */
export function invalidLink(): HttpProblem {
  return new HttpProblem(404, 'link_invalid', 'This link is not valid: it is unknown, has been used already, or has expired. Ask for a new one.');
}

const LinkParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/** The token of a link's path (`:token`, 32 bytes base64url); anything else is an invalid link. */
export function linkToken(params: unknown): string {
  const parsed = LinkParams.safeParse(params);
  if (!parsed.success) throw invalidLink();
  return parsed.data.token;
}

/** Formats an instant for tables: `2026-02-01 10:00 UTC`, or a dash. */
export function shownTime(at: Date | null | undefined): string {
  return at === null || at === undefined ? '—' : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
