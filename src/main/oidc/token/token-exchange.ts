// grant_type=urn:ietf:params:oauth:grant-type:token-exchange (RFC 8693) as ZITADEL does it
// (reference §4.6): delegation and impersonation (`act` claim), audience and scope limited to
// what the input tokens carry, `resource` refused. ZITADEL serves it without advertising it.
import { SCOPE_IDP_PREFIX, SCOPE_ORG_DOMAIN_PREFIX, SCOPE_ORG_ID_PREFIX, SCOPE_PROJECT_AUD_PREFIX, SCOPE_PROJECT_ROLE_PREFIX, SCOPE_PROJECTS_ROLES, SCOPE_ROLES_ORG_PREFIX } from '../claims/scopes.js';
import { invalidRequest, invalidScope, invalidTarget } from '../errors.js';
import { requireScopes, splitSpaceDelimited } from '../space-delimited.js';
import { issueTokens } from '../tokens/issue-tokens.js';
import { authenticateForGrant, type Grant } from './grant.js';
import { KNOWN_TOKEN_TYPES, readExchangeToken, TOKEN_TYPES, type ExchangeToken } from './token-exchange-subjects.js';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const REQUESTABLE = new Set<string>([TOKEN_TYPES.accessToken, TOKEN_TYPES.jwt, TOKEN_TYPES.idToken]);

/** Scopes that grant authority; for user_id and id_token subjects these must come from the inputs. */
function isAuthorizationScope(scope: string): boolean {
  return (
    scope === 'offline_access' ||
    scope === SCOPE_PROJECTS_ROLES ||
    [SCOPE_PROJECT_ROLE_PREFIX, SCOPE_PROJECT_AUD_PREFIX, SCOPE_ORG_ID_PREFIX, SCOPE_ORG_DOMAIN_PREFIX, SCOPE_ROLES_ORG_PREFIX, SCOPE_IDP_PREFIX].some((p) => scope.startsWith(p))
  );
}

/** An absent parameter means "as the input tokens have it"; a given one is the list asked for. */
function readOptionalList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : splitSpaceDelimited(value);
}

/** Parsing checks of zitadel/oidc's token-exchange handler, with its descriptions. */
function checkTokenTypes(subjectType: string, requestedType: string | undefined, actorType: string | undefined): void {
  if (!KNOWN_TOKEN_TYPES.has(subjectType)) throw invalidRequest('subject_token_type is not supported');
  if (requestedType !== undefined && !KNOWN_TOKEN_TYPES.has(requestedType)) throw invalidRequest('requested_token_type is not supported');
  if (actorType !== undefined && !KNOWN_TOKEN_TYPES.has(actorType)) throw invalidRequest('actor_token_type is not supported');
}

function pickAudience(requested: string[] | undefined, subject: ExchangeToken, actor: ExchangeToken | undefined): string[] {
  if (requested === undefined) return subject.audience.length > 0 || !actor ? subject.audience : actor.audience;
  const allowed = new Set([...subject.audience, ...(actor?.audience ?? [])]);
  const missing = requested.find((a) => !allowed.has(a));
  if (missing !== undefined) throw invalidTarget(`audience "${missing}" not found in subject or actor token`);
  return requested;
}

/**
 * ZITADEL's two scope rules (token_exchange.go validateTokenExchangeScopes). Subjects that carry
 * no scopes and are impersonated (user_id, ID token) take the actor's scopes when none are asked,
 * and only authorization scopes must come from the inputs: user-data scopes such as `email` are
 * read from the impersonated user. Every other exchange, client-signed JWT subjects included,
 * takes the subject's scopes (else the actor's) and may only ask for scopes one of them carries.
 */
function pickScopes(requested: string[] | undefined, subject: ExchangeToken, actor: ExchangeToken | undefined): string[] {
  const lenient = actor !== undefined && (subject.type === TOKEN_TYPES.userId || subject.type === TOKEN_TYPES.idToken);
  const inputs = new Set([...subject.scopes, ...(actor?.scopes ?? [])]);
  let scopes = requested ?? [];
  if (scopes.length === 0) scopes = !lenient && subject.scopes.length > 0 ? subject.scopes : (actor?.scopes ?? []);
  const missing = scopes.find((s) => !inputs.has(s) && (!lenient || isAuthorizationScope(s)));
  if (missing !== undefined) throw invalidScope(`scope "${missing}" not found in subject or actor token`);
  return requireScopes(scopes.join(' '));
}

export const tokenExchangeGrant: Grant = {
  type: TOKEN_EXCHANGE_GRANT,
  advertised: false,
  async handle(req) {
    const app = await authenticateForGrant(req, 'token_exchange', TOKEN_EXCHANGE_GRANT);
    const { params, deps } = req;
    const subjectToken = params.get('subject_token');
    if (subjectToken === undefined) throw invalidRequest('subject_token missing');
    const subjectType = params.get('subject_token_type');
    if (subjectType === undefined) throw invalidRequest('subject_token_type missing');
    const actorToken = params.get('actor_token');
    const actorType = params.get('actor_token_type');
    checkTokenTypes(subjectType, params.get('requested_token_type'), actorType);
    if (params.has('resource')) throw invalidTarget('resource parameter not supported');

    const subject = await readExchangeToken('subject_token', subjectToken, subjectType, app, deps);
    let actor: ExchangeToken | undefined;
    // user_id and JWT subjects name a user without proving a login: they always need an actor.
    if (subject.impersonates || actorToken !== undefined) {
      if (!deps.store.data.instance.securityPolicy.enableImpersonation) {
        throw invalidRequest('Errors.TokenExchange.Impersonation.PolicyDisabled', { status: 403, detail: 'instance.securityPolicy.enableImpersonation is off' });
      }
      actor = await readExchangeToken('actor_token', actorToken, actorType, app, deps);
    }

    const audience = pickAudience(readOptionalList(params.get('audience')), subject, actor);
    const scopes = pickScopes(readOptionalList(params.get('scope')), subject, actor);
    const requestedType = params.get('requested_token_type') ?? TOKEN_TYPES.accessToken;
    // Known but not issuable (refresh_token, user_id): ZITADEL's createExchangeTokens refuses them last.
    if (!REQUESTABLE.has(requestedType)) throw invalidRequest('Errors.TokenExchange.Token.TypeNotSupported');
    const wantsIdToken = requestedType === TOKEN_TYPES.idToken;
    const issued = await issueTokens(deps, deps.state, {
      user: subject.user,
      app,
      clientId: app.clientId,
      scopes,
      audience,
      login: subject.authTime === undefined ? undefined : { authTime: subject.authTime, amr: subject.amr ?? [] },
      actor: actor ? { iss: deps.issuer, sub: actor.user.id, ...(actor.actor && { act: actor.actor }) } : subject.actor,
      accessTokenType: requestedType === TOKEN_TYPES.jwt ? 'jwt' : 'bearer',
      withAccessToken: !wantsIdToken,
      withIdToken: wantsIdToken || scopes.includes('openid'),
      withRefreshToken: scopes.includes('offline_access'),
    });
    const { access_token, refresh_token, expires_in, id_token } = issued.response;
    return {
      access_token: wantsIdToken ? id_token : access_token,
      issued_token_type: requestedType,
      token_type: wantsIdToken ? 'N_A' : 'Bearer',
      expires_in,
      scope: scopes.join(' '),
      ...(refresh_token !== undefined && { refresh_token }),
      ...(!wantsIdToken && id_token !== undefined && { id_token }),
    };
  },
};
