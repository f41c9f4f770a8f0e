// The demo seed's apps and users as the bridge tests use them, read from a running emulator.
import type { Emulator } from '../../src/main/emulator.js';

export interface DemoApps {
  web: { clientId: string; secret: string; redirectUri: string };
  spa: { clientId: string };
  api: { clientId: string; secret: string };
  aliceId: string;
  projectId: string;
}

export function demoApps(emulator: Emulator): DemoApps {
  const { apps, users, projects } = emulator.store.data;
  const app = (name: string) => {
    const found = apps.find((a) => a.name === name);
    if (!found) throw new Error(`the demo seed has no app ${name}`);
    return found;
  };
  const web = app('web');
  const api = app('api');
  return {
    web: { clientId: web.clientId, secret: web.clientSecret ?? '', redirectUri: web.oidc?.redirectUris[0] ?? '' },
    spa: { clientId: app('spa').clientId },
    api: { clientId: api.clientId, secret: api.clientSecret ?? '' },
    aliceId: users.find((u) => u.userName === 'alice')?.id ?? '',
    projectId: projects[0]?.id ?? '',
  };
}

export function decodeJwtPart(jwt: string, part: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[part] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
