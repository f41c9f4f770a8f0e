// The store format's enumerations (DESIGN §4), mirrored from src/main/store/schema.ts.
export const OIDC_APP_TYPES = ['web', 'userAgent', 'native'] as const;
export const OIDC_AUTH_METHODS = ['basic', 'post', 'none', 'privateKeyJwt'] as const;
export const API_AUTH_METHODS = ['basic', 'privateKeyJwt'] as const;
export const RESPONSE_TYPES = ['code', 'id_token', 'id_token token'] as const;
export const GRANT_TYPES = ['authorization_code', 'implicit', 'refresh_token', 'device_code', 'token_exchange'] as const;
export const TOKEN_TYPES = ['bearer', 'jwt'] as const;
export const GENDERS = ['unspecified', 'female', 'male', 'diverse'] as const;
export const STATES = ['active', 'inactive'] as const;

export const APP_TYPE_LABELS: Record<(typeof OIDC_APP_TYPES)[number], string> = {
  web: 'Web (server-side)',
  userAgent: 'User agent (SPA)',
  native: 'Native / device',
};

export const AUTH_METHOD_LABELS: Record<(typeof OIDC_AUTH_METHODS)[number], string> = {
  basic: 'client_secret_basic',
  post: 'client_secret_post',
  none: 'none (PKCE)',
  privateKeyJwt: 'private_key_jwt',
};

// Actions (src/main/store/actions-schema.ts).
export const TARGET_TYPES = ['call', 'webhook', 'async'] as const;
export const TARGET_TYPE_LABELS: Record<(typeof TARGET_TYPES)[number], string> = {
  call: 'call — its reply adds claims',
  webhook: 'webhook — called, reply ignored',
  async: 'async — fire and forget',
};
export const PAYLOAD_TYPES = ['json', 'jwt'] as const;
export const PAYLOAD_TYPE_LABELS: Record<(typeof PAYLOAD_TYPES)[number], string> = {
  json: 'JSON',
  jwt: 'JWT — signed with the active signing key (verify with /oauth/v2/keys)',
};
export const EXECUTION_FUNCTIONS = ['preuserinfo', 'preaccesstoken'] as const;
export const FUNCTION_LABELS: Record<(typeof EXECUTION_FUNCTIONS)[number], string> = {
  preuserinfo: 'preuserinfo — ID tokens, userinfo, introspection',
  preaccesstoken: 'preaccesstoken — JWT access tokens',
};
export const FLOW_TRIGGERS = ['preUserinfoCreation', 'preAccessTokenCreation'] as const;
export const TRIGGER_LABELS: Record<(typeof FLOW_TRIGGERS)[number], string> = {
  preUserinfoCreation: 'Pre userinfo creation — ID tokens, userinfo, introspection',
  preAccessTokenCreation: 'Pre access token creation — JWT access tokens',
};
