// Validates an /authorize request in zitadel/oidc's order (reference §1.2): client_id, client,
// redirect_uri present, prompt, scope, redirect_uri registered, response_type. Every failure
// here is answered to the browser as JSON, not redirected — that is ZITADEL's behaviour.
import { issuerStamp } from '../../domains/token-issuer.js';
import type { Params } from '../../http/read-params.js';
import type { App } from '../../store/schema.js';
import { isAppActive } from '../client-auth/authenticate-client.js';
import { grantAppScopes } from '../claims/scopes.js';
import { invalidRequest, serverError, unauthorizedClient, ZITADEL_ADMIN_HINT as ADMIN_HINT } from '../errors.js';
import { requireScopes, splitSpaceDelimited } from '../space-delimited.js';
import type { ProviderDeps } from '../provider-deps.js';
import type { AuthRequest, ResponseMode, ResponseType } from '../state/state-types.js';
import { checkRedirectUri } from './redirect-uri.js';
import { generateOpaqueToken } from '../tokens/opaque-token.js';
import { readStateParam } from '../state-param.js';

const PROMPTS = new Set(['none', 'login', 'consent', 'select_account', 'create']);
const RESPONSE_TYPES: Record<string, ResponseType> = {
  code: 'code',
  id_token: 'id_token',
  'id_token token': 'id_token token',
  'token id_token': 'id_token token',
};
export const SUPPORTED_RESPONSE_TYPES: readonly ResponseType[] = ['code', 'id_token', 'id_token token'];
export const SUPPORTED_RESPONSE_MODES: readonly ResponseMode[] = ['query', 'fragment', 'form_post'];
/** Only S256 is advertised; plain is accepted like zitadel/oidc does (reference §11.15). */
export const ADVERTISED_CODE_CHALLENGE_METHODS = ['S256'] as const;

/** Auth requests wait this long for the user to log in. */
const AUTH_REQUEST_TTL_MS = 30 * 60 * 1000;

export interface ValidatedAuthorize {
  request: AuthRequest;
  app: App;
}

function readMaxAge(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,10}$/.test(value)) throw invalidRequest('max_age must be a number of seconds');
  return Number(value);
}

function readResponseMode(value: string | undefined, type: ResponseType): ResponseMode {
  if (value === undefined) return type === 'code' ? 'query' : 'fragment';
  if (!(SUPPORTED_RESPONSE_MODES as readonly string[]).includes(value)) throw invalidRequest(`response_mode ${value} is not supported`);
  return value as ResponseMode;
}

function readCodeChallengeMethod(challenge: string | undefined, method: string | undefined): 'S256' | 'plain' | undefined {
  if (challenge === undefined) return undefined;
  // RFC 7636 §4.3: the method defaults to plain.
  if (method === undefined || method === 'plain') return 'plain';
  if (method === 'S256') return 'S256';
  throw invalidRequest(`code_challenge_method ${method} is not supported`);
}

export function validateAuthorizeRequest(params: Params, deps: ProviderDeps): ValidatedAuthorize {
  const clientId = params.get('client_id');
  if (clientId === undefined) throw invalidRequest('auth request is missing client_id');
  const app = deps.store.index.appsByClientId.get(clientId);
  if (!app?.oidc || !isAppActive(app, deps)) {
    throw invalidRequest('Errors.App.NotFound', { detail: `no active OIDC app has client_id ${clientId}` });
  }
  const config = app.oidc;

  const rawRedirect = params.get('redirect_uri');
  // zitadel/oidc returns a plain Go error here, which its error writer turns into a 500.
  if (rawRedirect === undefined) throw serverError('auth request is missing redirect_uri');

  const prompts = splitSpaceDelimited(params.get('prompt')).filter((p) => PROMPTS.has(p));
  if (prompts.includes('none') && prompts.length > 1) {
    throw invalidRequest('The prompt parameter `none` must only be used as a single value');
  }
  let maxAge = readMaxAge(params.get('max_age'));
  if (prompts.includes('login')) maxAge = 0;

  const scopes = grantAppScopes(requireScopes(params.get('scope')), deps.store.index.projectsById.get(app.projectId));

  const rawType = params.get('response_type');
  const responseType = rawType === undefined ? undefined : RESPONSE_TYPES[rawType];
  // zitadel/oidc query-unescapes redirect_uri once more before matching it (reference §1.2) and
  // then redirects to the undecoded value, so `http://localhost:3000%2Fcallback` passed the check
  // and failed after a code was made (issue 12 item 10). Here it is decoded once, by the form
  // parser, and what is checked is exactly where the browser is sent.
  const redirectError = checkRedirectUri(config, config.redirectUris, rawRedirect, responseType);
  if (redirectError) throw redirectError;

  if (rawType === undefined) throw invalidRequest(`The response type is missing in your request. ${ADMIN_HINT}`);
  if (responseType === undefined || !config.responseTypes.includes(responseType)) {
    throw unauthorizedClient(`The requested response type is missing in the client configuration. ${ADMIN_HINT}`, {
      detail: `response_type "${rawType}"; app ${app.name} allows ${JSON.stringify(config.responseTypes)}`,
    });
  }

  const codeChallenge = params.get('code_challenge');
  const codeChallengeMethod = readCodeChallengeMethod(codeChallenge, params.get('code_challenge_method'));
  const now = deps.clock.now();
  const request: AuthRequest = {
    // The id works as a capability in the login pages' URLs: 256 random bits (issue 12 item 9).
    id: generateOpaqueToken(),
    ...issuerStamp(deps),
    clientId,
    redirectUri: rawRedirect,
    responseType,
    responseMode: readResponseMode(params.get('response_mode'), responseType),
    scopes,
    state: readStateParam(params),
    nonce: params.get('nonce'),
    codeChallenge,
    codeChallengeMethod,
    prompts,
    maxAge,
    loginHint: params.get('login_hint'),
    createdAt: now,
    expiresAt: now + AUTH_REQUEST_TTL_MS,
  };
  return { request, app };
}
