// Collects what the console's Activity page shows about one protocol request while it runs:
// protocol code adds facts (client, user, session, tokens with claim provenance) to the
// request's draft. The draft travels with the request: on `ctx.state`, and on the per-request
// copy of the provider deps that route handlers get (`deps.activity`). Not AsyncLocalStorage:
// on Node 20 it turns on promise hooks for every promise in the process, which cost discovery
// and JWKS about a third of their throughput (docs/benchmarks.md).
import type { Context, Next } from 'koa';
import type { ActionCallDto, ActivityEventDto, ActivityKind, ActivityTokenDto, DoctorFindingDto } from '../../common/admin-api.js';
import type { OAuthError } from '../oidc/errors.js';
import type { ActivityLog } from './activity-log.js';

export interface ActivityDraft {
  params: Record<string, string>;
  clientId?: string;
  userId?: string;
  sessionId?: string;
  clientAuth?: string;
  tokens: ActivityTokenDto[];
  /** Added by the relying-party doctor (src/main/doctor). */
  findings?: DoctorFindingDto[];
  /** Set when a test-bridge fault changed this request. */
  fault?: ActivityEventDto['fault'];
  /** Actions v2 targets called and v1 actions run (src/main/actions). */
  actions?: ActionCallDto[];
  notes?: string[];
}

/** Where a request's draft is, for code that has the request's deps (or ctx) at hand. */
export interface ActivityScope {
  activity?: ActivityDraft;
}

const DRAFT_KEY = 'activityDraft';

/** The draft of the request being recorded, if it is recorded. */
export function activityDraftOf(ctx: Context): ActivityDraft | undefined {
  return (ctx.state as Record<string, ActivityDraft | undefined>)[DRAFT_KEY];
}

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

/** Exact paths first: most requests hit an endpoint itself, which then costs one lookup. */
const EXACT_KINDS = new Map(KINDS.filter(([prefix]) => !prefix.endsWith('/')));

function kindOf(path: string): ActivityKind | undefined {
  const exact = EXACT_KINDS.get(path);
  if (exact) return exact;
  return KINDS.find(([prefix]) => path === prefix || (prefix.endsWith('/') && path.startsWith(prefix)) || path.startsWith(`${prefix}/`))?.[1];
}

export function recordParams(ctx: Context, params: Iterable<[string, string]>): void {
  const draft = activityDraftOf(ctx);
  if (!draft) return;
  for (const [name, value] of params) draft.params[name] = HIDDEN_PARAMS.has(name) ? '•••' : value;
}

export function recordFacts(
  scope: ActivityScope,
  facts: { clientId?: string; userId?: string; sessionId?: string; clientAuth?: string },
): void {
  const draft = scope.activity;
  if (!draft) return;
  for (const [key, value] of Object.entries(facts)) if (value !== undefined) Object.assign(draft, { [key]: value });
}

export function recordToken(scope: ActivityScope, token: ActivityTokenDto): void {
  scope.activity?.tokens.push(token);
}

export function recordNote(scope: ActivityScope, note: string): void {
  const draft = scope.activity;
  if (draft) (draft.notes ??= []).push(note);
}

/**
 * Bodies sent as prepared JSON text (discovery, JWKS, `{"active":false}`) are the same few
 * strings on every request: each is parsed once, not once per request. The parsed value is
 * shared between events, which only ever serialise it.
 */
const parsedBodies = new Map<string, unknown>();
const MAX_PARSED_BODIES = 8;

function parseJsonBody(text: string): unknown {
  if (parsedBodies.has(text)) return parsedBodies.get(text);
  const value = JSON.parse(text) as unknown;
  if (parsedBodies.size >= MAX_PARSED_BODIES) parsedBodies.delete(parsedBodies.keys().next().value as string);
  parsedBodies.set(text, value);
  return value;
}

function responseOf(ctx: Context): { body?: unknown; location?: string } | undefined {
  const location = ctx.response.get('Location');
  if (location) return { location };
  const body: unknown = ctx.body;
  if (body === null || body === undefined || Buffer.isBuffer(body)) return undefined;
  if (typeof body === 'string') {
    if (parsedBodies.has(body)) return { body: parsedBodies.get(body) };
    if (!ctx.response.is('json')) return undefined;
    try {
      return { body: parseJsonBody(body) };
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' ? { body } : undefined;
}

/** Records a fixed document answered outside the middleware stack (see create-app.ts). */
export function recordFixedResponse(log: ActivityLog, method: string, path: string, body: string, started: number): void {
  const kind = kindOf(path);
  if (!kind) return;
  log.add({
    time: Date.now(),
    kind,
    method,
    path,
    status: 200,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    outcome: 'ok',
    params: {},
    tokens: [],
    response: { body: parseJsonBody(body) },
  });
}

/** `issuer`: set for the handlers of an instance domain, so its requests say which issuer they met. */
export function recordActivity(log: ActivityLog, issuer?: string) {
  return async function activityMiddleware(ctx: Context, next: Next): Promise<void> {
    const kind = kindOf(ctx.path);
    if (!kind || ctx.method === 'OPTIONS') return next();
    const draft: ActivityDraft = { params: {}, tokens: [] };
    const started = performance.now();
    (ctx.state as Record<string, ActivityDraft>)[DRAFT_KEY] = draft;
    try {
      await next();
    } finally {
      const err = ctx.state.oauthError as OAuthError | undefined;
      const response = responseOf(ctx);
      const grantType = kind === 'token' ? draft.params.grant_type : undefined;
      // Built field by field (this runs on every protocol request; spreads are slower).
      const event: Omit<ActivityEventDto, 'id'> = {
        time: Date.now(),
        kind,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        outcome: err || ctx.status >= 400 ? 'error' : 'ok',
        params: draft.params,
        tokens: draft.tokens,
      };
      if (draft.clientId !== undefined) event.clientId = draft.clientId;
      if (draft.userId !== undefined) event.userId = draft.userId;
      if (draft.sessionId !== undefined) event.sessionId = draft.sessionId;
      if (draft.clientAuth !== undefined) event.clientAuth = draft.clientAuth;
      if (grantType !== undefined) event.grantType = grantType;
      if (draft.fault !== undefined) event.fault = draft.fault;
      if (draft.actions) event.actions = draft.actions;
      if (draft.notes) event.notes = draft.notes;
      if (err) {
        event.error = {
          error: err.error,
          ...(err.description !== undefined && { error_description: err.description }),
          ...(err.detail !== undefined && { detail: err.detail }),
        };
      }
      if (response) event.response = response;
      if (issuer !== undefined) event.issuer = issuer;
      if (draft.findings) event.findings = draft.findings;
      log.add(event);
    }
  };
}
