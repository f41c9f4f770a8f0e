// Tokens, codes and sessions are valid only at the issuer that made them, as in ZITADEL, where
// each instance domain is an issuer of its own. Records made by a domain issuer carry it; those
// of the main issuer carry nothing (keeping the runtime state small for the common case).
import type { ProviderDeps } from '../oidc/provider-deps.js';

/** `{ issuer }` for records made by a domain issuer, nothing for the main issuer. */
export function issuerStamp(deps: Pick<ProviderDeps, 'issuer' | 'mainIssuer'>): { issuer?: string } {
  return deps.mainIssuer !== undefined && deps.mainIssuer !== deps.issuer ? { issuer: deps.issuer } : {};
}

/** The issuer that made a record. */
export function issuerOf(record: { issuer?: string }, deps: Pick<ProviderDeps, 'issuer' | 'mainIssuer'>): string {
  return record.issuer ?? deps.mainIssuer ?? deps.issuer;
}

export function isIssuedHere(record: { issuer?: string }, deps: Pick<ProviderDeps, 'issuer' | 'mainIssuer'>): boolean {
  return issuerOf(record, deps) === deps.issuer;
}
