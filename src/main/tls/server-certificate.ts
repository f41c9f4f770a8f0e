// The TLS server certificate of one emulator, signed by the local CA: localhost, 127.0.0.1,
// ::1 and every configured domain as subject alternative names (RFC 6125 §6.4: clients match
// those, never the common name). Short-lived and made in memory at start; renewed while running.
import { isIP } from 'node:net';
import type { LocalCa } from './local-ca.js';
import { exportPrivateKeyPem, KEY_ALGORITHM, randomSerial, x509 } from './x509.js';

/** Well under the 825 days macOS accepts for TLS server certificates. */
export const SERVER_CERT_LIFETIME_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ServerCertificate {
  cert: string;
  key: string;
  names: string[];
  notAfter: Date;
}

export const LOOPBACK_CERT_NAMES = ['localhost', '127.0.0.1', '::1'];

export async function issueServerCertificate(ca: LocalCa, names: readonly string[], now: number = Date.now()): Promise<ServerCertificate> {
  const unique = [...new Set([...LOOPBACK_CERT_NAMES, ...names.map((n) => n.toLowerCase())])];
  const keys = (await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notAfter = new Date(now + SERVER_CERT_LIFETIME_DAYS * DAY_MS);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=localhost, O=IdP Emulator',
    issuer: ca.certificate.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    signingAlgorithm: KEY_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(unique.map((n) => ({ type: isIP(n) ? ('ip' as const) : ('dns' as const), value: n }))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    ],
  });
  return { cert: certificate.toString('pem') + '\n', key: await exportPrivateKeyPem(keys.privateKey), names: unique, notAfter };
}
