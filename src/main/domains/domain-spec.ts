// A configured instance domain, `host[:port]` (--domain, `instance.domains` in the store). Like
// ZITADEL's instance domains, each one is an issuer of its own; the host is matched against the
// request's Host header without its port (Z internal/query/instance.go InstanceByHost), the port
// only completes the issuer URL.

export interface DomainSpec {
  /** Lower case; IPv6 literals in brackets, as in a Host header. */
  host: string;
  port?: number;
}

/** DNS names (RFC 1123 labels), IPv4, or a bracketed IPv6 literal; then an optional port. */
export const DOMAIN_PATTERN = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Names that always mean the emulator's main issuer. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export function parseDomain(value: string): DomainSpec | string {
  const trimmed = value.trim();
  if (!DOMAIN_PATTERN.test(trimmed)) return `domain "${value}" must be host or host:port (e.g. idp.localhost:8080)`;
  const colon = trimmed.lastIndexOf(':');
  const hasPort = colon > trimmed.lastIndexOf(']');
  const host = (hasPort ? trimmed.slice(0, colon) : trimmed).toLowerCase();
  const port = hasPort ? Number(trimmed.slice(colon + 1)) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) return `domain "${value}" has a port outside 1-65535`;
  if (LOOPBACK_HOSTS.has(host)) return `domain "${value}" is a loopback name: localhost keeps the main issuer`;
  return port === undefined ? { host } : { host, port };
}

/** The host name of a Host header, without its port: `[::1]:8080` → `[::1]`. */
export function hostOfHeader(header: string): string {
  // The whole header must be a host and an optional port: `[::1]evil.example` names none (issue 12).
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/@\s]+)(?::\d{1,5})?$/.exec(header.trim().toLowerCase());
  return match?.[1] ?? '';
}

/** `https://idp.localhost:8443`; the port is left out when it is the scheme's default. */
export function issuerOfDomain(domain: DomainSpec, protocol: 'http' | 'https', listenPort: number): string {
  const port = domain.port ?? listenPort;
  const isDefault = (protocol === 'http' && port === 80) || (protocol === 'https' && port === 443);
  return `${protocol}://${domain.host}${isDefault ? '' : `:${port}`}`;
}
