import { hasRoleAtLeast } from '../../domain/organizations/index.js';
import type { Principal } from '../auth/principal.js';
import { html, type SafeHtml } from '../../domain/render/html.js';

/** What every page passes to the layout. */
export interface PageOptions {
  readonly title: string;
  readonly principal: Principal | undefined;
  /** CSRF token for the logout form in the header; pages without a session may omit it. */
  readonly csrfToken?: string;
  readonly body: SafeHtml;
}

function navigation(principal: Principal | undefined, csrfToken: string | undefined): SafeHtml {
  if (principal === undefined || principal.kind !== 'session') return html`<nav><a href="/login">Sign in</a></nav>`;
  const role = principal.role;
  const links: SafeHtml[] = [html`<a href="/">Funds</a>`];
  if (hasRoleAtLeast(role, 'member')) links.push(html`<a href="/upload">Upload</a>`);
  links.push(html`<a href="/downloads">Downloads</a>`);
  if (hasRoleAtLeast(role, 'org_admin')) links.push(html`<a href="/settings/users">Users</a>`, html`<a href="/settings/api-keys">API keys</a>`);
  if (role === 'super_admin') links.push(html`<a href="/admin">Admin</a>`);
  return html`<nav>${links}
    <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${csrfToken ?? ''}">
      <span class="who">${principal.email} · ${principal.organizationName} · ${role}</span>
      <button type="submit">Sign out</button></form></nav>`;
}

/**
 * The one page frame: header with navigation by role, main content, one stylesheet. Works
 * without JavaScript; the viewport meta and the stylesheet's single breakpoint make it
 * usable on a phone.
 */
export function renderPage(options: PageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · NAVcast</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<header><a class="brand" href="/">NAVcast</a>${navigation(options.principal, options.csrfToken)}</header>
<main>
<h1>${options.title}</h1>
${options.body}
</main>
<footer>NAVcast · private-fund nowcasting</footer>
</body>
</html>
`;
}
