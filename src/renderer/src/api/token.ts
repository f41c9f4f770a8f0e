// The admin token: taken from the URL fragment (`#token=…`) on first load, kept in
// sessionStorage for this tab, and removed from the address bar so it is not shared by accident.
const KEY = 'idp-emulator.adminToken';

export function readAdminToken(): string | undefined {
  const hash = window.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash.includes('token=') ? hash : '');
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    const url = new URL(window.location.href);
    url.hash = '';
    window.history.replaceState(null, '', `${url.pathname}${url.search}`);
    return fromUrl;
  }
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function forgetAdminToken(): void {
  sessionStorage.removeItem(KEY);
}
