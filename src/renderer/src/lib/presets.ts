// ZITADEL console's app presets (reference §10): what each one sets in the OIDC config.
import type { OidcConfig } from './types';

export interface Preset {
  id: string;
  label: string;
  description: string;
  /** API apps have no OIDC config. */
  kind: 'oidc' | 'api';
  oidc?: Pick<OidcConfig, 'appType' | 'authMethod' | 'responseTypes' | 'grantTypes'>;
  apiAuthMethod?: 'basic' | 'privateKeyJwt';
}

export const PRESETS: Preset[] = [
  {
    id: 'pkce',
    label: 'PKCE',
    description: 'SPA or native app: code flow with PKCE, no secret.',
    kind: 'oidc',
    oidc: { appType: 'userAgent', authMethod: 'none', responseTypes: ['code'], grantTypes: ['authorization_code'] },
  },
  {
    id: 'code',
    label: 'Code',
    description: 'Server-side web app: code flow, secret sent with Basic auth.',
    kind: 'oidc',
    oidc: { appType: 'web', authMethod: 'basic', responseTypes: ['code'], grantTypes: ['authorization_code'] },
  },
  {
    id: 'post',
    label: 'Post',
    description: 'Web app: code flow, secret sent in the form body.',
    kind: 'oidc',
    oidc: { appType: 'web', authMethod: 'post', responseTypes: ['code'], grantTypes: ['authorization_code'] },
  },
  {
    id: 'pkjwt',
    label: 'Private key JWT',
    description: 'Web app: code flow, authenticates with a signed JWT (needs a key).',
    kind: 'oidc',
    oidc: { appType: 'web', authMethod: 'privateKeyJwt', responseTypes: ['code'], grantTypes: ['authorization_code'] },
  },
  {
    id: 'implicit',
    label: 'Implicit',
    description: 'Legacy SPA: tokens straight from authorize (id_token token).',
    kind: 'oidc',
    oidc: { appType: 'userAgent', authMethod: 'none', responseTypes: ['id_token token'], grantTypes: ['implicit'] },
  },
  {
    id: 'device',
    label: 'Device',
    description: 'TV / CLI: device authorization grant, no secret.',
    kind: 'oidc',
    oidc: { appType: 'native', authMethod: 'none', responseTypes: ['code'], grantTypes: ['device_code'] },
  },
  {
    id: 'api',
    label: 'API',
    description: 'Resource server: introspects tokens with Basic auth.',
    kind: 'api',
    apiAuthMethod: 'basic',
  },
];

export function presetBody(preset: Preset, name: string, projectId: string, redirectUri: string): Record<string, unknown> {
  if (preset.kind === 'api') return { name, projectId, api: { authMethod: preset.apiAuthMethod ?? 'basic' } };
  const redirectUris = redirectUri.trim() && preset.id !== 'device' ? [redirectUri.trim()] : [];
  const devMode = preset.oidc?.appType === 'userAgent' && redirectUris.some((u) => u.startsWith('http:'));
  return { name, projectId, oidc: { ...preset.oidc, redirectUris, devMode } };
}
