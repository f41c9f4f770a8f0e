// Second login step: shows who is logging in and asks for the password. The login name is
// posted again as a hidden field so the step is stateless for the browser.
import { escapeHtml } from './escape-html.js';
import { renderHiddenInputs, renderIdentity, renderLayout, renderTextField, toSafeHref } from './layout.js';

export interface PasswordPageViewModel {
  action: string;
  hidden: Record<string, string>;
  orgName: string;
  loginName: string;
  displayName: string;
  error?: string;
  backHref: string;
}

export function renderPasswordPage(vm: PasswordPageViewModel): string {
  const field = renderTextField({
    name: 'password',
    label: 'Password',
    type: 'password',
    error: vm.error,
    attributes: 'autocomplete="current-password" autofocus',
  });
  const body = `<p class="org">${escapeHtml(vm.orgName)}</p>
<h1>Password</h1>
<div class="who">${renderIdentity(vm.displayName, vm.loginName)}
<a href="${escapeHtml(toSafeHref(vm.backHref))}">Not you?</a></div>
<form method="post" action="${escapeHtml(vm.action)}">
${renderHiddenInputs({ ...vm.hidden, loginName: vm.loginName })}
${field}
<div class="actions"><button type="submit" class="primary">Next</button></div>
</form>`;
  return renderLayout({ title: `Password · ${vm.orgName}`, body });
}
