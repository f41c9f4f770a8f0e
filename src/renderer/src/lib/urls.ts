// Developer shortcuts: ready authorize URLs, env snippets and curl commands.
import type { App, User } from './types';

export function authorizeUrl(issuer: string, app: App, loginHint?: string): string | undefined {
  const oidc = app.oidc;
  const redirectUri = oidc?.redirectUris[0];
  if (!oidc || !redirectUri) return undefined;
  const implicit = !oidc.responseTypes.includes('code');
  const params = new URLSearchParams({
    client_id: app.clientId,
    redirect_uri: redirectUri,
    response_type: implicit ? (oidc.responseTypes[0] ?? 'id_token') : 'code',
    scope: 'openid profile email',
    state: randomString(12),
  });
  if (implicit) params.set('nonce', randomString(12));
  if (loginHint) params.set('login_hint', loginHint);
  return `${issuer}/oauth/v2/authorize?${params.toString()}`;
}

function randomString(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}

export function envSnippet(issuer: string, app: App): string {
  const lines = [`OIDC_ISSUER=${issuer}`, `OIDC_CLIENT_ID=${app.clientId}`];
  if (app.clientSecret) lines.push(`OIDC_CLIENT_SECRET=${app.clientSecret}`);
  const redirect = app.oidc?.redirectUris[0];
  if (redirect) lines.push(`OIDC_REDIRECT_URI=${redirect}`);
  return lines.join('\n');
}

export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function clientCredentialsCurl(issuer: string, user: User, secret = '<client secret>'): string {
  return [
    `curl -X POST ${shellQuote(`${issuer}/oauth/v2/token`)}`,
    `  -u ${shellQuote(`${user.userName}:${secret}`)}`,
    `  -d grant_type=client_credentials`,
    `  -d ${shellQuote('scope=openid profile urn:zitadel:iam:org:project:id:zitadel:aud')}`,
  ].join(' \\\n');
}

/** A token request from Activity as curl: the shortened secrets stay shortened and are marked. */
export function tokenRequestCurl(issuer: string, path: string, params: Record<string, string>, clientAuth?: string): string {
  const lines = [`curl -X POST ${shellQuote(`${issuer}${path}`)}`];
  if (clientAuth?.startsWith('client_secret_basic')) lines.push(`  -u ${shellQuote(`${params.client_id ?? '<client id>'}:<client secret>`)}`);
  for (const [k, v] of Object.entries(params)) {
    if (clientAuth?.startsWith('client_secret_basic') && k === 'client_id') continue;
    lines.push(`  --data-urlencode ${shellQuote(`${k}=${v}`)}`);
  }
  return lines.join(' \\\n');
}

export function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
  return Promise.resolve();
}

export function orgDomainFor(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .slice(0, 63);
  return `${label || 'org'}.localhost`;
}

export function isUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol.length > 1 && (u.host !== '' || !/^https?:$/.test(u.protocol));
  } catch {
    return false;
  }
}
