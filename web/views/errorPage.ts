import type { Principal } from '../auth/principal.js';
import type { ProblemDocument } from '../problems.js';
import { html, type SafeHtml } from '../../domain/render/html.js';
import { renderPage } from './layout.js';

/** The HTML form of a problem document, for page routes. */
export function renderErrorPage(problem: ProblemDocument, principal: Principal | undefined): SafeHtml {
  return renderPage({
    title: problem.title,
    principal,
    body: html`<p class="error">${problem.detail}</p><p class="muted">Error ${problem.status} (${problem.code})</p><p>${problem.status === 503 ? 'Nothing you sent was recorded. Wait a moment, then ' : ''}<a href="/">${problem.status === 503 ? 'try again' : 'Back to your funds'}</a></p>`,
  });
}
