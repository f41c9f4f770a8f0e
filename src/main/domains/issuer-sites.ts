// One issuer per domain, as ZITADEL answers each instance domain with that domain as issuer
// (reference §0): the main issuer for loopback names and its own host, one issuer per
// configured domain (--domain and the store's `instance.domains`). Each issuer gets its own
// request handler (routes and discovery built for it), made on first use.
import type { RequestListener } from 'node:http';
import type { Store } from '../store/store.js';
import { hostOfHeader, issuerOfDomain, LOOPBACK_HOSTS, parseDomain, type DomainSpec } from './domain-spec.js';

export interface IssuerSitesOptions {
  mainIssuer: string;
  protocol: 'http' | 'https';
  /** The port the emulator listens on: the port of domains given without one. */
  port: number;
  /** --domain values, already parsed. */
  domains: readonly DomainSpec[];
  store: Store;
  /** Builds the handler that answers as `issuer`. */
  build(issuer: string): RequestListener;
}

export class IssuerSites {
  readonly #options: IssuerSitesOptions;
  readonly #mainHost: string;
  #revision = -1;
  /** Host name → issuer, for the configured domains. */
  #byHost = new Map<string, string>();
  readonly #handlers = new Map<string, RequestListener>();

  constructor(options: IssuerSitesOptions) {
    this.#options = options;
    this.#mainHost = hostOfHeader(new URL(options.mainIssuer).host);
  }

  /** Domains from the options first; the store's may be edited while running. */
  #domains(): DomainSpec[] {
    const fromStore = (this.#options.store.data.instance.domains ?? []).flatMap((d) => {
      const parsed = parseDomain(d);
      return typeof parsed === 'string' ? [] : [parsed];
    });
    return [...this.#options.domains, ...fromStore];
  }

  #refresh(): Map<string, string> {
    const { store, protocol, port } = this.#options;
    if (store.revision === this.#revision) return this.#byHost;
    const byHost = new Map<string, string>();
    for (const domain of this.#domains()) {
      if (domain.host !== this.#mainHost && !byHost.has(domain.host)) byHost.set(domain.host, issuerOfDomain(domain, protocol, port));
    }
    this.#byHost = byHost;
    this.#revision = store.revision;
    return byHost;
  }

  /** The main issuer, then one per domain. */
  issuers(): string[] {
    return [this.#options.mainIssuer, ...this.#refresh().values()];
  }

  /** Host names the TLS certificate must cover besides the loopback ones. */
  hostNames(): string[] {
    const names = [this.#mainHost, ...this.#refresh().keys()].map((h) => h.replace(/^\[|\]$/g, ''));
    return [...new Set(names)];
  }

  /** The issuer a Host header names, or undefined for a host that is no instance domain. */
  issuerFor(hostHeader: string | undefined): string | undefined {
    if (!hostHeader) return undefined;
    const host = hostOfHeader(hostHeader);
    if (LOOPBACK_HOSTS.has(host) || host === this.#mainHost) return this.#options.mainIssuer;
    return this.#refresh().get(host);
  }

  handler(issuer: string): RequestListener {
    let handler = this.#handlers.get(issuer);
    if (!handler) {
      handler = this.#options.build(issuer);
      this.#handlers.set(issuer, handler);
    }
    return handler;
  }
}
