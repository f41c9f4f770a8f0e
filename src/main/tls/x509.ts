// The one place that loads @peculiar/x509 (node:crypto verifies certificates but cannot issue
// them). It needs the reflect-metadata polyfill, so this module is imported only with --https.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };

/** ECDSA P-256 with SHA-256: fast to generate, accepted by every TLS client that matters. */
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export function toPem(label: 'PRIVATE KEY', der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

export async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', key));
}

export async function importPrivateKeyPem(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, true, ['sign']) as Promise<CryptoKey>;
}

export function randomSerial(): string {
  // RFC 5280 §4.1.2.2: positive, at most 20 octets; a leading 0x01..0x7f byte keeps it positive.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 1) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}
