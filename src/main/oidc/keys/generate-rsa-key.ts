// RSA-2048 key pairs as ZITADEL makes them for signing keys, service-user keys and app keys:
// private key as PKCS#1 PEM (what key files carry), public key as SPKI PEM (reference §7).
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

export interface RsaKeyPem {
  publicKey: string;
  privateKey: string;
}

/** Async on purpose: key generation takes tens of milliseconds and must not block requests. */
export async function generateRsaKey(): Promise<RsaKeyPem> {
  const { publicKey, privateKey } = await generate('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { publicKey, privateKey };
}
