// GET /.well-known/openid-configuration (OpenID Connect Discovery 1.0 §3), shaped like
// ZITADEL's (reference §1.1). Endpoint URLs come from the route table and capability lists
// from the registries the endpoints use, so the document only names what is served.
import type { EndpointField, FixedResponse, Route } from './route-table.js';

export interface Capabilities {
  responseTypes: readonly string[];
  responseModes: readonly string[];
  grantTypes: readonly string[];
  tokenEndpointAuthMethods: readonly string[];
  revocationEndpointAuthMethods: readonly string[];
  introspectionEndpointAuthMethods: readonly string[];
  codeChallengeMethods: readonly string[];
}

/** ZITADEL lists the library's default scopes, not its reserved urn:zitadel scopes. */
const SCOPES_SUPPORTED = ['openid', 'profile', 'email', 'phone', 'address', 'offline_access'];
/** ZITADEL lists every web-key algorithm it could be configured with; this emulator signs RS256. */
const ID_TOKEN_ALGS = ['EdDSA', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];
const CLAIMS_SUPPORTED = [
  'sub', 'aud', 'exp', 'iat', 'iss', 'auth_time', 'nonce', 'acr', 'amr', 'c_hash', 'at_hash', 'act',
  'scopes', 'client_id', 'azp', 'preferred_username', 'name', 'family_name', 'given_name', 'locale',
  'email', 'email_verified', 'phone_number', 'phone_number_verified',
];
const UI_LOCALES = [
  'ar', 'bg', 'cs', 'de', 'en', 'es', 'fr', 'hu', 'id', 'it', 'ja', 'ko', 'mk', 'nl', 'pl', 'pt', 'ro',
  'ru', 'sv', 'tr', 'uk', 'zh',
];
const ENDPOINT_ORDER: readonly EndpointField[] = [
  'authorization_endpoint',
  'token_endpoint',
  'introspection_endpoint',
  'userinfo_endpoint',
  'revocation_endpoint',
  'end_session_endpoint',
  'device_authorization_endpoint',
  'jwks_uri',
];
const RS256_ONLY = ['RS256'];

export type DiscoveryDocument = Record<string, string | boolean | readonly string[]>;

export function buildDiscovery(issuer: string, routes: readonly Route[], caps: Capabilities): DiscoveryDocument {
  const doc: DiscoveryDocument = { issuer };
  for (const field of ENDPOINT_ORDER) {
    const route = routes.find((r) => r.discoveryField === field);
    if (route) doc[field] = `${issuer}${route.path}`;
  }
  const list = (field: string, values: readonly string[]): void => {
    if (values.length > 0) doc[field] = values;
  };
  const withSigningAlgs = (field: string, methods: readonly string[]): void => {
    list(`${field}_auth_methods_supported`, methods);
    if (methods.includes('private_key_jwt')) doc[`${field}_auth_signing_alg_values_supported`] = RS256_ONLY;
  };
  list('scopes_supported', SCOPES_SUPPORTED);
  list('response_types_supported', caps.responseTypes);
  list('response_modes_supported', caps.responseModes);
  list('grant_types_supported', caps.grantTypes);
  list('subject_types_supported', ['public']);
  list('id_token_signing_alg_values_supported', ID_TOKEN_ALGS);
  withSigningAlgs('token_endpoint', caps.tokenEndpointAuthMethods);
  withSigningAlgs('revocation_endpoint', caps.revocationEndpointAuthMethods);
  withSigningAlgs('introspection_endpoint', caps.introspectionEndpointAuthMethods);
  list('claims_supported', CLAIMS_SUPPORTED);
  list('code_challenge_methods_supported', caps.codeChallengeMethods);
  list('ui_locales_supported', UI_LOCALES);
  // ZITADEL advertises request objects but crashes on them; this emulator refuses them
  // (request_not_supported), so it says so here.
  doc.request_parameter_supported = false;
  doc.request_uri_parameter_supported = false;
  return doc;
}

const HEADERS = { 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8' };

export function discoveryRoute(body: string): Route {
  const fixed: FixedResponse = { headers: HEADERS, body };
  return {
    path: '/.well-known/openid-configuration',
    methods: ['GET'],
    handle(ctx) {
      // Content-Type as Koa's `ctx.type = 'application/json'` sets it, without its MIME lookup per request.
      ctx.set(HEADERS);
      ctx.body = body;
    },
    fixedResponse: () => fixed,
  };
}
