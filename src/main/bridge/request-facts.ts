// What a fault can match a request on before it is processed: its grant type, the client it
// comes from, and the user it concerns — read from the parameters and the runtime state the
// way the endpoint itself will (the code's, refresh token's or access token's session, a
// login_hint or the browser's login, an id_token_hint), without changing anything.
import { decodeJwt } from 'jose';
import type { Context } from 'koa';
import type { Params } from '../http/read-params.js';
import { listBrowserSessions } from '../login/browser-sessions.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import { findAccessTokenSession } from '../oidc/tokens/resolve-access-token.js';
import type { OidcSession } from '../oidc/state/state-types.js';
import { looksLikeJwt } from '../oidc/tokens/verify-own-jwt.js';
import type { FaultEndpoint, RequestFacts } from './faults.js';

function basicClientId(authorization: string): string | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** An unverified claim of a JWT parameter (assertions, hints): only used to pick a fault. */
function claimOf(jwt: string | undefined, claim: string): string | undefined {
  if (jwt === undefined || !looksLikeJwt(jwt)) return undefined;
  try {
    const value = decodeJwt(jwt)[claim];
    if (typeof value === 'string') return value;
    return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
  } catch {
    return undefined;
  }
}

function callerOf(params: Params, authorization: string): string | undefined {
  return basicClientId(authorization) ?? params.get('client_id') ?? claimOf(params.get('client_assertion'), 'sub');
}

async function tokenSession(token: string | undefined, deps: ProviderDeps): Promise<OidcSession | undefined> {
  if (token === undefined) return undefined;
  const refresh = deps.state.refreshTokens.get(token);
  if (refresh) return deps.state.oidcSessions.get(refresh.sessionId);
  return findAccessTokenSession(token, deps, deps.state);
}

export async function readRequestFacts(endpoint: FaultEndpoint, params: Params, ctx: Context, deps: ProviderDeps): Promise<RequestFacts> {
  const authorization = ctx.get('Authorization');
  const facts: RequestFacts = {};
  const set = (field: keyof RequestFacts, value: string | undefined): void => {
    if (value !== undefined) facts[field] = value;
  };
  const { state, store } = deps;
  switch (endpoint) {
    case 'token': {
      set('grantType', params.get('grant_type'));
      set('clientId', callerOf(params, authorization));
      const code = params.get('code');
      const refresh = params.get('refresh_token');
      const device = params.get('device_code');
      if (code !== undefined) {
        set('userId', state.codes.get(code)?.userId);
        set('sessionId', state.codes.get(code)?.loginSessionId);
      } else if (refresh !== undefined) {
        const session = await tokenSession(refresh, deps);
        set('userId', session?.userId);
        set('sessionId', session?.sid);
      } else if (device !== undefined) set('userId', state.deviceAuthorizations.get(device)?.userId);
      else set('userId', claimOf(params.get('assertion'), 'sub') ?? (await tokenSession(params.get('subject_token'), deps))?.userId);
      break;
    }
    case 'introspect':
    case 'revoke': {
      set('clientId', callerOf(params, authorization));
      const session = await tokenSession(params.get('token'), deps);
      set('userId', session?.userId);
      set('sessionId', session?.sid);
      break;
    }
    case 'userinfo': {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? params.get('access_token');
      const session = bearer === undefined ? undefined : await findAccessTokenSession(bearer, deps, state);
      set('clientId', session?.clientId);
      set('userId', session?.userId);
      set('sessionId', session?.sid);
      break;
    }
    case 'authorize': {
      set('clientId', params.get('client_id'));
      const hint = params.get('login_hint');
      // The hinted user, or the one this browser last logged in as (whom single sign-on would pick).
      const hinted = hint === undefined ? undefined : store.index.usersByLoginName.get(hint.toLowerCase())?.id;
      set('userId', hinted ?? listBrowserSessions(ctx, deps)[0]?.userId);
      break;
    }
    case 'end_session':
      set('clientId', params.get('client_id') ?? claimOf(params.get('id_token_hint'), 'aud'));
      set('userId', claimOf(params.get('id_token_hint'), 'sub'));
      break;
    case 'device_authorization':
      set('clientId', callerOf(params, authorization));
      break;
    default:
      break;
  }
  return facts;
}
