// Doctor checks on an /authorize request that ZITADEL accepts without comment: PKCE (RFC 9700
// §2.1.1), state and nonce (RFC 6749 §10.12, OpenID Connect Core §3.1.2.1), an id_token_hint
// of another client, and a redirect URI that only dev mode lets through (reference §1.2).
import type { Params } from '../http/read-params.js';
import { checkRedirectUri } from '../oidc/authorize/redirect-uri.js';
import type { ValidatedAuthorize } from '../oidc/authorize/validate-authorize-request.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import { splitSpaceDelimited } from '../oidc/space-delimited.js';
import { looksLikeJwt, verifyOwnJwt } from '../oidc/tokens/verify-own-jwt.js';
import { recordFinding } from './findings.js';
import { checkScopes } from './scope-checks.js';

function decodeRedirect(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

async function checkIdTokenHint(hint: string | undefined, clientId: string, deps: ProviderDeps): Promise<void> {
  if (hint === undefined || !looksLikeJwt(hint)) return;
  const claims = await verifyOwnJwt(hint, deps.keys);
  if (!claims) return;
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const issuedTo = typeof claims.azp === 'string' ? claims.azp : aud.find((a) => typeof a === 'string');
  if (claims.azp === clientId || (claims.azp === undefined && aud.includes(clientId))) return;
  recordFinding(
    deps,
    'id-token-hint-other-client',
    `id_token_hint was issued to client ${String(issuedTo)}, not to ${clientId}; ZITADEL only uses it to pick the user`,
  );
}

export async function checkAuthorizeRequest(params: Params, { request, app }: ValidatedAuthorize, deps: ProviderDeps): Promise<void> {
  if (!deps.activity || !app.oidc) return;
  const config = app.oidc;
  checkScopes(deps, deps.store.index, splitSpaceDelimited(params.get('scope')), request.scopes, deps.store.index.projectsById.get(app.projectId));

  if (request.responseType === 'code' && request.codeChallenge === undefined && config.authMethod === 'none') {
    recordFinding(deps, 'public-client-without-pkce', `public client ${app.name} sent no code_challenge; ZITADEL lets it through, but any app that intercepts the code can redeem it`);
  }
  if (request.codeChallengeMethod === 'plain') {
    recordFinding(deps, 'pkce-plain', 'code_challenge_method is plain (or missing); ZITADEL accepts it, but only S256 protects the code and only S256 is advertised');
  }
  if (request.state === undefined) {
    recordFinding(deps, 'missing-state', 'no state parameter: the app cannot tell its own login responses from forged ones (CSRF)');
  }
  if (request.nonce === undefined && request.scopes.includes('openid')) {
    recordFinding(deps, 'missing-nonce', 'no nonce: the ID token cannot be tied to this login, so a replayed ID token goes unnoticed');
  }
  await checkIdTokenHint(params.get('id_token_hint'), request.clientId, deps);

  const redirect = decodeRedirect(request.redirectUri);
  if (config.devMode && redirect !== undefined) {
    const withoutDevMode = checkRedirectUri({ ...config, devMode: false }, config.redirectUris, redirect, request.responseType);
    if (withoutDevMode) {
      recordFinding(
        deps,
        'redirect-uri-dev-mode',
        `redirect_uri ${redirect} is accepted only because app ${app.name} is in dev mode; with dev mode off ZITADEL answers "${withoutDevMode.description ?? withoutDevMode.error}"`,
      );
    }
  }
}
