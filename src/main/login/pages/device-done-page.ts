// Device flow outcome page, shown in the browser after Allow / Deny (reference §4.7); the
// device itself learns the result by polling the token endpoint.
import { renderLayout } from './layout.js';

export function renderDeviceDonePage(vm: { allowed: boolean }): string {
  const title = vm.allowed ? 'Device authorized' : 'Access denied';
  const text = vm.allowed
    ? 'Device authorized, you can close this window.'
    : 'Access denied. The device was not authorized; you can close this window.';
  return renderLayout({ title, body: `<h1>${title}</h1>\n<p class="center muted">${text}</p>` });
}
