// The `ZITADEL-Signature` header of a target call (reference zitadel-actions.md §2.3, Z
// `pkg/actions/signing.go`): `t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>`.
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'ZITADEL-Signature';

export function computeSignatureHeader(unixSeconds: number, body: string, signingKey: string): string {
  const mac = createHmac('sha256', Buffer.from(signingKey, 'utf8')).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
