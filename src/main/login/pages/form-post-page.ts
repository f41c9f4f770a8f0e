// OAuth 2.0 Form Post Response Mode (reference §1.2, ZITADEL's form_post.html.tmpl): a form that
// posts the response to the client's redirect_uri, auto-submitted by one hash-allowed inline script.
import { createHash } from 'node:crypto';
import { escapeHtml } from './escape-html.js';
import { renderHiddenInputs, renderLayout } from './layout.js';

// Called through the prototype so a field named "submit" cannot shadow HTMLFormElement#submit.
const AUTO_SUBMIT_SCRIPT = 'HTMLFormElement.prototype.submit.call(document.forms[0]);';
const SCRIPT_HASH = createHash('sha256').update(AUTO_SUBMIT_SCRIPT, 'utf8').digest('base64');

// No form-action: it would also govern where the relying party redirects after the post.
export const FORM_POST_CSP = `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'`;

export interface FormPostPageViewModel {
  action: string;
  fields: Record<string, string>;
}

export function renderFormPostPage(vm: FormPostPageViewModel): string {
  const body = `<h1>Continue</h1>
<form method="post" action="${escapeHtml(vm.action)}">
${renderHiddenInputs(vm.fields)}
<p class="center muted">Returning to the application…</p>
<noscript><div class="actions"><button type="submit" class="primary">Continue</button></div></noscript>
</form>
<script>${AUTO_SUBMIT_SCRIPT}</script>`;
  return renderLayout({ title: 'Continue', body });
}
