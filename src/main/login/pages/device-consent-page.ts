// Device flow, last step (reference §4.7): Allow / Deny naming the app and the scopes. Both
// buttons submit the same form with name="action" = "allowed" | "denied" (/ui/login/device/{action}).
import { escapeHtml } from './escape-html.js';
import { renderHiddenInputs, renderLayout } from './layout.js';

export interface DeviceConsentPageViewModel {
  action: string;
  hidden: Record<string, string>;
  appName: string;
  userDisplayName: string;
  scopes: string[];
}

export function renderDeviceConsentPage(vm: DeviceConsentPageViewModel): string {
  const scopes =
    vm.scopes.length === 0
      ? '<p class="muted">No scopes requested.</p>'
      : `<ul class="scopes">\n${vm.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('\n')}\n</ul>`;
  // No autofocus on Allow: consent must be a deliberate choice, not an Enter press.
  const body = `<h1>Allow access?</h1>
<p class="center"><strong>${escapeHtml(vm.appName)}</strong> wants to access your account on a device.</p>
<p class="center muted">Signed in as ${escapeHtml(vm.userDisplayName)}</p>
<h2>Requested scopes</h2>
${scopes}
<form method="post" action="${escapeHtml(vm.action)}">
${renderHiddenInputs(vm.hidden)}
<div class="actions"><button type="submit" name="action" value="denied">Deny</button>
<button type="submit" name="action" value="allowed" class="primary">Allow</button></div>
</form>`;
  return renderLayout({ title: `Allow access · ${vm.appName}`, body });
}
