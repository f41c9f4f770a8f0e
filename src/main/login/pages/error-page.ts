// Browser-facing errors on login pages (unknown or expired auth request, …), where there is no
// redirect_uri to report to and a JSON body would strand the user.
import { escapeHtml } from './escape-html.js';
import { renderLayout } from './layout.js';

export function renderErrorPage(vm: { title: string; message: string }): string {
  const body = `<h1>${escapeHtml(vm.title)}</h1>\n<p class="center muted" role="alert">${escapeHtml(vm.message)}</p>`;
  return renderLayout({ title: vm.title, body });
}
