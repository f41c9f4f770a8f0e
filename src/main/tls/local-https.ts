// Everything --https needs: the per-user CA, a server certificate for the loopback names and
// the configured domains, and its renewal (when it nears expiry or the domains change).
import type { HttpsInfoDto } from '../../common/admin-api.js';
import { loadOrCreateCa } from './local-ca.js';
import { issueServerCertificate, SERVER_CERT_LIFETIME_DAYS, type ServerCertificate } from './server-certificate.js';
import { buildTrustSteps } from './trust-instructions.js';

/** Renewed once less than a third of its life is left. */
const RENEW_BEFORE_MS = (SERVER_CERT_LIFETIME_DAYS / 3) * 24 * 60 * 60 * 1000;

export interface LocalHttps {
  current(): ServerCertificate;
  info(): HttpsInfoDto;
  /** Reissues the certificate if `names` are not all covered or it expires soon; true when it did. */
  renew(names: readonly string[], now?: number): Promise<boolean>;
}

function covers(cert: ServerCertificate, names: readonly string[]): boolean {
  return names.every((n) => cert.names.includes(n.toLowerCase()));
}

export async function prepareLocalHttps(configDir: string, names: readonly string[]): Promise<LocalHttps> {
  const ca = await loadOrCreateCa(configDir);
  let cert = await issueServerCertificate(ca, names);
  const trust = buildTrustSteps(ca.path);
  return {
    current: () => cert,
    info: () => ({ caPath: ca.path, caPem: ca.pem, names: cert.names, certificateExpires: cert.notAfter.toISOString(), trust }),
    async renew(wanted, now = Date.now()) {
      if (covers(cert, wanted) && cert.notAfter.getTime() - now > RENEW_BEFORE_MS) return false;
      cert = await issueServerCertificate(ca, wanted, now);
      return true;
    },
  };
}

