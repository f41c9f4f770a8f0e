// The only place that signs: JWS compact serialisation with the instance's active key and
// the header ZITADEL uses, {"alg":"RS256","kid":"<numeric>","typ":"JWT"} (reference §8).
//
// Signed with WebCrypto directly (RSASSA-PKCS1-v1_5 + SHA-256 is RS256, RFC 7518 §3.3), which
// runs the RSA operation on the libuv thread pool. jose's CompactSign did the same underneath
// but spent ~75 µs more per token on the event loop (key normalisation and modulus check on
// every call, its own base64url), which showed in the bench's logins and JWT profiles.
import { webcrypto, type KeyObject } from 'node:crypto';
import type { Claims } from '../claims/claim-types.js';
import type { Signer } from '../keys/signing-keys.js';

const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
/** RFC 7518 §3.3: keys of 2048 bits or larger MUST be used (jose refused smaller ones too). */
const MIN_MODULUS_BITS = 2048;

/** The WebCrypto key of each signing key, imported once. */
const cryptoKeys = new WeakMap<KeyObject, Promise<webcrypto.CryptoKey>>();
/** The encoded protected header per kid. */
const encodedHeaders = new Map<string, string>();

function cryptoKeyOf(privateKey: KeyObject): Promise<webcrypto.CryptoKey> {
  let key = cryptoKeys.get(privateKey);
  if (!key) {
    const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
    key =
      privateKey.asymmetricKeyType !== 'rsa' || bits < MIN_MODULUS_BITS
        ? Promise.reject(new TypeError(`RS256 needs an RSA key of ${MIN_MODULUS_BITS} bits or more`))
        : webcrypto.subtle.importKey('jwk', privateKey.export({ format: 'jwk' }), RS256, false, ['sign']);
    cryptoKeys.set(privateKey, key);
    key.catch(() => cryptoKeys.delete(privateKey));
  }
  return key;
}

function encodedHeaderOf(signer: Signer): string {
  let header = encodedHeaders.get(signer.kid);
  if (header === undefined) {
    header = Buffer.from(JSON.stringify({ alg: signer.alg, kid: signer.kid, typ: 'JWT' })).toString('base64url');
    encodedHeaders.set(signer.kid, header);
  }
  return header;
}

export async function signJwt(claims: Claims, signer: Signer): Promise<string> {
  const key = await cryptoKeyOf(signer.privateKey);
  const signingInput = `${encodedHeaderOf(signer)}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = await webcrypto.subtle.sign(RS256, key, Buffer.from(signingInput));
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
}
