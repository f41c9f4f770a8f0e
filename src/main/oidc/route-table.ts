// The provider's endpoints in one table. The router mounts exactly these, and discovery
// advertises exactly these, so nothing can be advertised that is not served.
import type { Context } from 'koa';
import type { ProviderDeps } from './provider-deps.js';

/** Discovery fields that carry an endpoint URL (OpenID Connect Discovery 1.0 §3). */
export type EndpointField =
  | 'authorization_endpoint'
  | 'token_endpoint'
  | 'introspection_endpoint'
  | 'userinfo_endpoint'
  | 'revocation_endpoint'
  | 'end_session_endpoint'
  | 'device_authorization_endpoint'
  | 'jwks_uri';

export type HttpMethod = 'GET' | 'POST';

/** A response that does not depend on the request (discovery, JWKS). */
export interface FixedResponse {
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface Route {
  path: string;
  methods: readonly HttpMethod[];
  /** Set when discovery should advertise this route. */
  discoveryField?: EndpointField;
  handle(ctx: Context, deps: ProviderDeps): Promise<void> | void;
  /** Set for fixed documents: a GET is then answered before the middleware stack (see create-app.ts). */
  fixedResponse?(deps: ProviderDeps): FixedResponse;
}
