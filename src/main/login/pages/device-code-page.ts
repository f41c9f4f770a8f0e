// Device flow, step 1 (RFC 8628 §3.3, reference §4.7): the user types the code shown on the
// device (/ui/login/device); login and the consent page follow.
import { renderLayout, renderTextField } from './layout.js';
import { escapeHtml } from './escape-html.js';

export interface DeviceCodePageViewModel {
  action: string;
  userCode?: string;
  error?: string;
}

export function renderDeviceCodePage(vm: DeviceCodePageViewModel): string {
  const field = renderTextField({
    name: 'user_code',
    label: 'Code',
    value: vm.userCode,
    error: vm.error,
    attributes:
      'placeholder="BCDF-GHJK" autocapitalize="characters" autocomplete="off" autocorrect="off" spellcheck="false" autofocus',
  });
  const body = `<h1>Connect a device</h1>
<p class="muted center">Enter the code displayed on your device.</p>
<form method="post" action="${escapeHtml(vm.action)}">
${field}
<div class="actions"><button type="submit" class="primary">Next</button></div>
</form>`;
  return renderLayout({ title: 'Connect a device', body });
}
