// Applies the test bridge's armed faults to protocol requests, just before the route runs: an
// injected error in the endpoint's own error shape, a delay, a dropped connection, or (token
// endpoint) a tampered ID token / JWT access token in an otherwise normal response. Requests it
// touches carry the fault on their Activity entry. Costs one lookup when nothing is armed.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context, Middleware, Next } from 'koa';
import { activityDraftOf, recordFacts, recordParams } from '../activity/request-activity.js';
import type { RequestFaults } from '../http/create-app.js';
import { BUFFERED_BODY_KEY, Params, readBody } from '../http/read-params.js';
import { sendAuthErrorBody } from '../oidc/authorize/auth-response.js';
import { validateAuthorizeRequest } from '../oidc/authorize/validate-authorize-request.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { Route } from '../oidc/route-table.js';
import { tamperJwt, type TamperKind } from '../oidc/tokens/tamper-jwt.js';
import { computeTokenHash } from '../oidc/tokens/token-hash.js';
import { looksLikeJwt } from '../oidc/tokens/verify-own-jwt.js';
import type { Fault, FaultEndpoint, Faults, RequestFacts } from './faults.js';
import { readRequestFacts } from './request-facts.js';

const DISCOVERY_PATH = '/.well-known/openid-configuration';
const ENDPOINT_BY_FIELD: Record<string, FaultEndpoint> = {
  authorization_endpoint: 'authorize',
  token_endpoint: 'token',
  introspection_endpoint: 'introspect',
  userinfo_endpoint: 'userinfo',
  revocation_endpoint: 'revoke',
  end_session_endpoint: 'end_session',
  device_authorization_endpoint: 'device_authorization',
  jwks_uri: 'keys',
};

/** The endpoint each path serves, from the same route table the router mounts. */
function endpointsByPath(routes: readonly Route[]): Map<string, FaultEndpoint> {
  const map = new Map<string, FaultEndpoint>([[DISCOVERY_PATH, 'discovery']]);
  for (const route of routes) {
    const endpoint = route.discoveryField && ENDPOINT_BY_FIELD[route.discoveryField];
    if (endpoint) map.set(route.path, endpoint);
  }
  return map;
}

function parseOrNothing(raw: string): Params {
  try {
    return Params.parse(raw);
  } catch {
    // A repeated parameter: no facts to match beyond the endpoint; the route answers the error.
    return Params.parse('');
  }
}

async function readParams(ctx: Context): Promise<Params> {
  if (ctx.method !== 'POST') return parseOrNothing(ctx.querystring);
  // A body that cannot be read (too large, cut off) is the answer, as the route would give it.
  const raw = await readBody(ctx);
  // The route reads the same body again (read-params.ts): keep it.
  (ctx.state as Record<string, string>)[BUFFERED_BODY_KEY] = raw;
  return ctx.is('application/x-www-form-urlencoded') ? parseOrNothing(raw) : Params.parse('');
}

function mark(ctx: Context, fault: Fault, detail: string): void {
  const draft = activityDraftOf(ctx);
  if (draft) draft.fault = { id: fault.id, action: fault.action, detail };
}

/** What the route would have recorded, for a request the fault answers instead. */
function recordUnprocessed(ctx: Context, params: Params, facts: RequestFacts): void {
  recordParams(ctx, params.entries());
  const draft = activityDraftOf(ctx);
  if (draft) recordFacts({ activity: draft }, { clientId: facts.clientId, userId: facts.userId, sessionId: facts.sessionId });
}

function answerError(ctx: Context, endpoint: FaultEndpoint, params: Params, deps: ProviderDeps, fault: Fault): void {
  const { status = 400, error, error_description } = fault.error ?? { error: 'server_error' };
  const body = { error, ...(error_description !== undefined && { error_description }) };
  if (endpoint === 'authorize') {
    // A valid authorization request gets its errors at the redirect_uri (RFC 6749 §4.1.2.1).
    try {
      const { request } = validateAuthorizeRequest(params, deps);
      sendAuthErrorBody(ctx, request, body);
      return;
    } catch {
      // Not redirectable: answered as JSON like the endpoint's own validation errors.
    }
  }
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = body;
}

interface JwtTokenResponse {
  access_token?: string;
  id_token?: string;
}

function isTokenResponse(body: unknown): body is JwtTokenResponse {
  return typeof body === 'object' && body !== null && !Buffer.isBuffer(body);
}

function hasJwt(body: JwtTokenResponse): boolean {
  return body.id_token !== undefined || (body.access_token !== undefined && looksLikeJwt(body.access_token));
}

/** Tampers the response's ID token and JWT access token. */
async function tamperResponse(ctx: Context, deps: ProviderDeps, body: JwtTokenResponse, kind: TamperKind): Promise<void> {
  const jwtAccessToken = body.access_token !== undefined && looksLikeJwt(body.access_token) ? body.access_token : undefined;
  const options = { signer: await deps.keys.readySigner(), nowS: Math.floor(deps.clock.now() / 1000) };
  const draft = activityDraftOf(ctx);
  const replace = (before: string, after: { token: string; header: Record<string, unknown>; claims: Record<string, unknown> }): void => {
    const recorded = draft?.tokens.find((t) => t.value === before);
    if (!recorded) return;
    Object.assign(recorded, { value: after.token, header: after.header, claims: after.claims });
    recorded.notes = [...(recorded.notes ?? []), { claim: 'tamper', present: true, why: `broken on purpose by a test-bridge fault (${kind})` }];
  };
  if (jwtAccessToken !== undefined) {
    const tampered = await tamperJwt(jwtAccessToken, kind, options);
    replace(jwtAccessToken, tampered);
    body.access_token = tampered.token;
  }
  if (body.id_token !== undefined) {
    // at_hash keeps matching the access token actually sent, so only `kind` is wrong.
    const atHash = body.access_token === undefined ? undefined : computeTokenHash(body.access_token);
    const tampered = await tamperJwt(body.id_token, kind, { ...options, ...(atHash !== undefined && { atHash }) });
    replace(body.id_token, tampered);
    body.id_token = tampered.token;
  }
}

export function createFaultMiddleware(faults: Faults, routes: readonly Route[], deps: ProviderDeps): RequestFaults {
  const endpoints = endpointsByPath(routes);
  const depsFor = (ctx: Context): ProviderDeps => {
    const activity = activityDraftOf(ctx);
    return activity ? Object.assign(Object.create(deps) as ProviderDeps, { activity }) : deps;
  };

  const middleware: Middleware = async (ctx: Context, next: Next): Promise<void> => {
    const endpoint = endpoints.get(ctx.path);
    if (endpoint === undefined || ctx.method === 'OPTIONS') return next();
    const armed = faults.isArmed(endpoint);
    const tampering = endpoint === 'token' && faults.isArmed(endpoint, true);
    if (!armed && !tampering) return next();
    const params = await readParams(ctx);
    const facts = await readRequestFacts(endpoint, params, ctx, deps);
    const fault = armed ? faults.take(endpoint, facts, false) : undefined;
    if (fault?.action === 'error' || fault?.action === 'drop') recordUnprocessed(ctx, params, facts);
    if (fault?.action === 'error') {
      mark(ctx, fault, `answered ${fault.error?.status ?? 400} ${fault.error?.error ?? ''} instead of processing the request`);
      return answerError(ctx, endpoint, params, depsFor(ctx), fault);
    }
    if (fault?.action === 'drop') {
      mark(ctx, fault, 'connection closed without a response');
      ctx.respond = false;
      // nginx's 444 "no response", so the Activity row does not claim an answer was sent.
      ctx.status = 444;
      ctx.req.socket.destroy();
      return;
    }
    if (fault?.action === 'delay') {
      mark(ctx, fault, `delayed ${fault.delayMs ?? 0} ms`);
      await sleep(fault.delayMs ?? 0);
    }
    await next();
    // Only a response with a JWT in it uses the fault up (an opaque-only response has nothing to break).
    if (!tampering || ctx.status !== 200 || !isTokenResponse(ctx.body) || !hasJwt(ctx.body)) return;
    const draft = activityDraftOf(ctx);
    const after = { ...facts, ...(draft?.clientId !== undefined && { clientId: draft.clientId }), ...(draft?.userId !== undefined && { userId: draft.userId }) };
    const body = ctx.body;
    const tamper = faults.take('token', after, true);
    if (!tamper?.tamper) return;
    const jwtAccessToken = body.access_token !== undefined && looksLikeJwt(body.access_token);
    const what = body.id_token === undefined ? 'the JWT access token was' : jwtAccessToken ? 'the ID token and the JWT access token were' : 'the ID token was';
    await tamperResponse(ctx, deps, body, tamper.tamper);
    mark(ctx, tamper, `${tamper.tamper}: ${what} broken on purpose`);
  };

  return {
    middleware,
    isArmedFor: (path) => {
      const endpoint = endpoints.get(path);
      return endpoint !== undefined && faults.isArmed(endpoint);
    },
  };
}
