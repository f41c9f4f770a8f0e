// The only place that signs: JWS compact serialisation with the instance's active key and
// the header ZITADEL uses, {"alg":"RS256","kid":"<numeric>","typ":"JWT"} (reference §8).
import { CompactSign } from 'jose';
import type { Claims } from '../claims/claim-types.js';
import type { Signer } from '../keys/signing-keys.js';

const encoder = new TextEncoder();

export function signJwt(claims: Claims, signer: Signer): Promise<string> {
  return new CompactSign(encoder.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: 'JWT' })
    .sign(signer.privateKey);
}
