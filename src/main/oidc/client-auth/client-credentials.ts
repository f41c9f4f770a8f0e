// Reads client credentials from a request (RFC 6749 §2.3.1, RFC 7523 §2.2) the way ZITADEL
// does (reference §4.1): the Basic header wins over form fields, and both of its parts are
// form-url-decoded, so `%40` is `@` and a literal `+` is a space.
import type { Params } from '../../http/read-params.js';
import { invalidClient, invalidRequest } from '../errors.js';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
  assertion?: string;
  /** How the secret arrived: the Basic header or the form. */
  transport?: 'basic' | 'post';
}

function formUrlDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw invalidClient('invalid basic authentication', { detail: 'malformed percent-encoding in the Basic header' });
  }
}

function parseBasic(header: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidClient('invalid basic authentication', { detail: 'no ":" in the decoded Basic credentials' });
  return { id: formUrlDecode(decoded.slice(0, colon)), secret: formUrlDecode(decoded.slice(colon + 1)) };
}

export function readClientCredentials(params: Params, authorization: string): ClientCredentials {
  const assertionType = params.get('client_assertion_type');
  const assertion = params.get('client_assertion');
  if (assertion !== undefined && assertionType !== JWT_BEARER_ASSERTION_TYPE) {
    throw invalidRequest(`invalid client_assertion_type ${assertionType ?? '(missing)'}, expected ${JWT_BEARER_ASSERTION_TYPE}`);
  }
  const basic = authorization ? parseBasic(authorization) : undefined;
  if (basic) {
    return { clientId: basic.id, clientSecret: basic.secret, transport: 'basic', ...(assertion && { assertion }) };
  }
  const clientId = params.get('client_id');
  const clientSecret = params.get('client_secret');
  return {
    ...(clientId !== undefined && { clientId }),
    ...(clientSecret !== undefined && { clientSecret, transport: 'post' as const }),
    ...(assertion !== undefined && { assertion }),
  };
}
