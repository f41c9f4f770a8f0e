// Shown by end_session when there is no post_logout_redirect_uri to send the browser to.
import { escapeHtml } from './escape-html.js';
import { renderLayout, toSafeHref } from './layout.js';

export function renderLoggedOutPage(vm: { backHref?: string }): string {
  const back =
    vm.backHref === undefined
      ? ''
      : `\n<p class="center"><a href="${escapeHtml(toSafeHref(vm.backHref))}">Back to the application</a></p>`;
  return renderLayout({
    title: 'Logged out',
    body: `<h1>You are logged out</h1>\n<p class="center muted">Your session has ended.</p>${back}`,
  });
}
