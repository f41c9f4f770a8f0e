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
