// Collects what the console's Activity page shows about one protocol request while it runs:
// protocol code adds facts (client, user, session, tokens with claim provenance) to the
// request's draft through AsyncLocalStorage, so no function signature has to carry it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context, Next } from 'koa';
import type { ActivityKind, ActivityTokenDto } from '../../common/admin-api.js';
import type { OAuthError } from '../oidc/errors.js';
import type { ActivityLog } from './activity-log.js';

interface ActivityDraft {
  params: Record<string, string>;
  clientId?: string;
  userId?: string;
  sessionId?: string;
  clientAuth?: string;
  tokens: ActivityTokenDto[];
}

const storage = new AsyncLocalStorage<ActivityDraft>();

/** Paths worth showing, and what the console calls them. */
const KINDS: ReadonlyArray<[string, ActivityKind]> = [
  ['/.well-known/openid-configuration', 'discovery'],
  ['/oauth/v2/keys', 'jwks'],
  ['/oauth/v2/authorize', 'authorize'],
  ['/oauth/v2/token', 'token'],
  ['/oauth/v2/introspect', 'introspect'],
  ['/oauth/v2/revoke', 'revoke'],
  ['/oauth/v2/device_authorization', 'device_authorization'],
  ['/oidc/v1/userinfo', 'userinfo'],
  ['/oidc/v1/end_session', 'end_session'],
  ['/ui/login/device', 'device'],
  ['/device', 'device'],
  ['/ui/login/', 'login'],
];

/** Passwords never leave the process, not even towards the console. */
const HIDDEN_PARAMS = new Set(['password']);

function kindOf(path: string): ActivityKind | undefined {
  return KINDS.find(([prefix]) => path === prefix || (prefix.endsWith('/') && path.startsWith(prefix)) || path.startsWith(`${prefix}/`))?.[1];
}

export function recordParams(params: Iterable<[string, string]>): void {
  const draft = storage.getStore();
  if (!draft) return;
  for (const [name, value] of params) draft.params[name] = HIDDEN_PARAMS.has(name) ? '•••' : value;
}

export function recordFacts(facts: { clientId?: string; userId?: string; sessionId?: string; clientAuth?: string }): void {
  const draft = storage.getStore();
  if (!draft) return;
  for (const [key, value] of Object.entries(facts)) if (value !== undefined) Object.assign(draft, { [key]: value });
}

export function recordToken(token: ActivityTokenDto): void {
  storage.getStore()?.tokens.push(token);
}

function responseOf(ctx: Context): { body?: unknown; location?: string } | undefined {
  const location = ctx.response.get('Location');
  if (location) return { location };
  const body: unknown = ctx.body;
  if (body === null || body === undefined || Buffer.isBuffer(body)) return undefined;
  if (typeof body === 'string') {
    if (!ctx.response.is('json')) return undefined;
    try {
      return { body: JSON.parse(body) as unknown };
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' ? { body } : undefined;
}

export function recordActivity(log: ActivityLog) {
  return async function activityMiddleware(ctx: Context, next: Next): Promise<void> {
    const kind = kindOf(ctx.path);
    if (!kind || ctx.method === 'OPTIONS') return next();
    const draft: ActivityDraft = { params: {}, tokens: [] };
    const started = performance.now();
    try {
      await storage.run(draft, next);
    } finally {
      const err = ctx.state.oauthError as OAuthError | undefined;
      const response = responseOf(ctx);
      const grantType = kind === 'token' ? draft.params.grant_type : undefined;
      log.add({
        time: Date.now(),
        kind,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        outcome: err || ctx.status >= 400 ? 'error' : 'ok',
        params: draft.params,
        tokens: draft.tokens,
        ...(draft.clientId !== undefined && { clientId: draft.clientId }),
        ...(draft.userId !== undefined && { userId: draft.userId }),
        ...(draft.sessionId !== undefined && { sessionId: draft.sessionId }),
        ...(draft.clientAuth !== undefined && { clientAuth: draft.clientAuth }),
        ...(grantType !== undefined && { grantType }),
        ...(err && {
          error: {
            error: err.error,
            ...(err.description !== undefined && { error_description: err.description }),
            ...(err.detail !== undefined && { detail: err.detail }),
          },
        }),
        ...(response && { response }),
      });
    }
  };
}
